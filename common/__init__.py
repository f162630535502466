"""Small shared pieces every app may use: the markdown renderer, absolute links and rate
limits. It imports no other app of the portal."""
