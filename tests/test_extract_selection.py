"""The class a frame selects for a name nothing else classes (extractors/selection.py, frames.ttl
rtl:formClass)."""

from __future__ import annotations

import pytest

from helpers import run


@pytest.mark.parametrize(
    ("text", "label", "cls", "triple"),
    [
        # a passive "by" phrase of "offer", with its conjunct hung on the name's last word
        ("Drug checking services are offered in Montréal by Cactus Montréal and Dopamine.", "Dopamine",
         "Organization", ("drug checking", "implementedBy", "Dopamine")),
        # an acronym the detector misreads as a person is no person
        ("The city's supervised consumption site, operated by ARCHES, closed in 2020.", "ARCHES",
         "Organization", ("supervised consumption sites", "implementedBy", "ARCHES")),
        ("Since 2021, Blue Heron has offered drug checking in the city.", "Blue Heron",
         "Organization", ("drug checking", "implementedBy", "Blue Heron")),
        ("Kestrel Outreach runs the supervised consumption site.", "Kestrel Outreach",
         "Organization", ("supervised consumption sites", "implementedBy", "Kestrel Outreach")),
    ],
)
def test_a_frame_classes_the_name_filling_its_actor_role(tmp_path, text, label, cls, triple):
    view = run(tmp_path, text)
    assert label in view.entities.get(cls, set()), view.entities
    assert triple in view.triples, view.triples


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the other argument is no known entity of the frame's class: nothing says what it is
        ("Kestrel Outreach runs the old warehouse.", "Kestrel Outreach"),
        ("Mayor Blaine Hyggen launched the drug checking pilot.", "Blaine Hyggen"),
        # a person running a known lever stays out
        ("Dr. Shannon Hill runs the supervised consumption site.", "Dr. Shannon Hill"),
    ],
)
def test_no_class_without_a_known_argument_or_for_a_person(tmp_path, text, label):
    view = run(tmp_path, text)
    assert not any(label in labels or label.split()[-1] in labels for labels in view.entities.values()), view.entities
