"""Relations read from structure alone (extractors/structure.py): a named lever's description
in apposition names the parties that carry it out."""

from __future__ import annotations

import pytest

from helpers import local, run


def _facts(view, predicate):
    return {(view.label(a.subject), view.label(a.object)) for a in view.extraction.assertions
            if a.extractor == "structure" and local(a.predicate) == predicate}


def test_a_joint_effort_by_parties_is_implemented_by_each_and_they_work_together(tmp_path):
    view = run(tmp_path, "Project Harbour, a joint investigation by the RCMP, the OPP and the CBSA, "
                         "targets the importation of cocaine.")
    agencies = {"Royal Canadian Mounted Police", "Ontario Provincial Police", "Canada Border Services Agency"}
    assert {("Project Harbour", a) for a in agencies} <= _facts(view, "implementedBy")
    assert len(_facts(view, "partnersWith")) == 3


@pytest.mark.parametrize("text", [
    "Project Harbour, an initiative with the CBSA, began in May.",
    "Project Harbour, a pilot with the CBSA, began in May.",
])
def test_a_described_lever_is_implemented_by_its_party(tmp_path, text):
    view = run(tmp_path, text)
    assert ("Project Harbour", "Canada Border Services Agency") in _facts(view, "implementedBy")
    assert not _facts(view, "partnersWith")


@pytest.mark.parametrize("text", [
    # no article: a list, not a description
    "Project Harbour, investigations by the CBSA and the RCMP, and arrests followed.",
    # the parties of an effort that is not joint do not work together
    "Project Harbour, an investigation by the CBSA and the RCMP, ended.",
])
def test_no_partnership_without_a_joint_description(tmp_path, text):
    assert not _facts(run(tmp_path, text), "partnersWith")
