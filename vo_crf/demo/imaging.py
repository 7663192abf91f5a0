"""Imaging readings of the demo cohort, chosen so Table 2 reproduces the paper's percentages.

Each cell is (present n, assessable N); the patients of the visit who were eligible (imaged, or
had an MRI for the MRI-only vertebral oedema) but are not among the N were read "not assessable"
(9). Present readings go to the patients of highest severity, so findings regress over time
patient by patient instead of at random.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

DEMO_TABLE2: dict[str, dict[str, tuple[int, int]]] = {
    "img_disc_height": {"m0_arm_1": (24, 29), "m3_arm_1": (27, 29), "m6_arm_1": (21, 22)},
    "img_vert_oedema": {"m0_arm_1": (26, 26), "m3_arm_1": (18, 27), "m6_arm_1": (3, 20)},
    "img_disc_abscess": {"m0_arm_1": (17, 26), "m3_arm_1": (11, 26), "m6_arm_1": (4, 22)},
    "img_paravert_abscess": {"m0_arm_1": (11, 28), "m3_arm_1": (2, 23), "m6_arm_1": (1, 22)},
    "img_epidural_abscess": {"m0_arm_1": (8, 27), "m3_arm_1": (0, 26), "m6_arm_1": (0, 22)},
    "img_bone_destruction": {"m0_arm_1": (10, 29), "m3_arm_1": (12, 29), "m6_arm_1": (9, 22)},
}
"""(n present, N assessable) per finding and visit for the 29-patient demo cohort."""

MRI_ONLY = "img_vert_oedema"
SEVERE_ON_CT_ONLY = "img_epidural_abscess"
"""Epidural abscesses are read 'not assessable' first in patients imaged by CT only."""


def assign_readings(rng: random.Random, imaged: Sequence[int],
                    mri: set[int], ct_only: set[int], finding: str, n: int, total: int,
                    order: Sequence[int]) -> dict[int, str]:
    """Return {patient index: '1' | '0' | '9'} for one finding at one visit.

    ``order`` ranks patients for this finding (most severe first); ``imaged`` are the patients
    imaged at the visit; ``mri`` those with an MRI; ``ct_only`` those imaged by CT only.
    """
    eligible = [i for i in imaged if finding != MRI_ONLY or i in mri]
    unreadable = len(eligible) - total
    if unreadable < 0 or n > total:
        raise ValueError(f"{finding}: {n}/{total} impossible with {len(eligible)} eligible")
    first = [i for i in eligible if finding == SEVERE_ON_CT_ONLY and i in ct_only]
    rest = [i for i in eligible if i not in first]
    not_assessable = set(first[:unreadable])
    not_assessable |= set(rng.sample(rest, unreadable - len(not_assessable)))
    assessable = [i for i in order if i in set(eligible) - not_assessable]
    present = set(assessable[:n])
    readings = {i: "9" for i in not_assessable}
    readings.update({i: "1" if i in present else "0" for i in assessable})
    return readings


def finding_order(rng: random.Random, severity: Sequence[float]) -> list[int]:
    """Return patient indexes by decreasing severity, with a little per-finding noise."""
    noisy = [(s + rng.gauss(0, 0.25), i) for i, s in enumerate(severity)]
    return [i for _, i in sorted(noisy, reverse=True)]
