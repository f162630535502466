"""The four evidence levels every claim on the portal carries.

Readers see them as a badge with words (never colour alone) and can read what each means.
"""

from django.db import models


class EvidenceLevel(models.TextChoices):
    ESTABLISHED = "established", "Established"
    STRONG_HYPOTHESIS = "strong_hypothesis", "Strong hypothesis"
    EMERGING = "emerging", "Emerging"
    EARLY_RESEARCH = "early_research", "Early research"


EVIDENCE_EXPLANATIONS = {
    EvidenceLevel.ESTABLISHED: "Most scientists agree. Many studies show the same thing.",
    EvidenceLevel.STRONG_HYPOTHESIS: (
        "A lot of evidence supports this idea, but it has not yet been proven in living people."
    ),
    EvidenceLevel.EMERGING: "A few recent studies found this. Others are checking the results.",
    EvidenceLevel.EARLY_RESEARCH: (
        "First results look promising, but this is not standard care and may not work out."
    ),
}

# The order readers meet them in: strongest evidence first.
EVIDENCE_ORDER = list(EvidenceLevel)


def evidence_scale():
    """Each level with its label and explanation, strongest first, for the scale legend."""
    return [
        {"value": level.value, "label": level.label, "explanation": EVIDENCE_EXPLANATIONS[level]}
        for level in EVIDENCE_ORDER
    ]
