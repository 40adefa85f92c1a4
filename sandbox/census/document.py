"""The census return as the DfE's XML, and where each row of it came from.

The elements follow the DfE's schema for the Children in Need census (in its order). Beside
the XML, `Origins` lists each table's rows in the order the validator package reads them
(child by child, episode by episode), with the source of each value, so that a problem
reported as (table, row, column) leads back to the form and question that caused it.
"""

import xml.etree.ElementTree as ET
from datetime import date, datetime

from sandbox.census.reporting import Origins, Source
from sandbox.census.returns import Block, CensusReturn, ChildReturn, Value

SOFTWARE = "Case recording sandbox (training)"
IDENTIFIERS = ("LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
               "ExpectedPersonBirthDate", "Sex", "PersonDeathDate")
DETAILS_BEFORE = ("CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
                  "ReasonForClosure", "DateOfInitialCPC")
ASSESSMENT = ("AssessmentActualStartDate", "AssessmentInternalReviewDate",
              "AssessmentAuthorisationDate")
CIN_PLAN = ("CINPlanStartDate", "CINPlanEndDate")
SECTION47 = ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
PLAN = ("CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP")


def text_of(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value) if not isinstance(value, list) else ""
    return text or None


def _put(parent: ET.Element, name: str, value: Value | None) -> None:
    text = text_of(value.value) if value else None
    if text is not None:
        ET.SubElement(parent, name).text = text


def _block(parent, tag: str, names, block: Block) -> ET.Element:
    element = ET.SubElement(parent, tag)
    for name in names:
        _put(element, name, block.values.get(name))
    return element


def _sources(block: Block) -> dict[str, Source]:
    return {name: v.source for name, v in block.values.items()}


def write(census: CensusReturn, now: datetime | None = None) -> tuple[bytes, Origins]:
    """The return as XML (UTF-8 bytes) and the origins of its rows."""
    origins = Origins()
    root = ET.Element("Message")
    header = ET.SubElement(root, "Header")
    details = ET.SubElement(header, "CollectionDetails")
    ET.SubElement(details, "Collection").text = "CIN"
    ET.SubElement(details, "Year").text = str(census.year)
    ET.SubElement(details, "ReferenceDate").text = census.reference_date.isoformat()
    source = ET.SubElement(header, "Source")
    ET.SubElement(source, "SourceLevel").text = "L"
    ET.SubElement(source, "LEA").text = census.la_code
    ET.SubElement(source, "SoftwareCode").text = SOFTWARE
    ET.SubElement(source, "Release").text = "1"
    ET.SubElement(source, "SerialNo").text = "001"
    ET.SubElement(source, "DateTime").text = (now or datetime.now()).replace(
        microsecond=0).isoformat()
    children = ET.SubElement(root, "Children")
    for index, child in enumerate(census.children):
        _child(children, index, child, origins)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode(), origins


def _child(parent, index: int, child: ChildReturn, origins: Origins) -> None:
    element = ET.SubElement(parent, "Child")
    _block(element, "ChildIdentifiers", IDENTIFIERS, child.identifiers)
    origins.add("ChildIdentifiers", index, _sources(child.identifiers))
    characteristics = ET.SubElement(element, "ChildCharacteristics")
    _put(characteristics, "Ethnicity", child.ethnicity)
    origins.add("ChildCharacteristics", index, {"Ethnicity": child.ethnicity.source})
    if child.disabilities:
        listed = ET.SubElement(characteristics, "Disabilities")
        for disability in child.disabilities:
            _put(listed, "Disability", disability)  # answers of a choices question
            origins.add("Disabilities", index, {"Disability": disability.source})
    for episode in child.episodes:
        cin = _block(element, "CINdetails", DETAILS_BEFORE, episode.details)
        origins.add("CINdetails", index, _sources(episode.details))
        for assessment in episode.assessments:
            found = _block(cin, "Assessments", ASSESSMENT, assessment)
            factors = assessment.lists.get("AssessmentFactors", [])
            sources = _sources(assessment)
            if factors:
                listed = ET.SubElement(found, "FactorsIdentifiedAtAssessment")
                for factor in factors:
                    _put(listed, "AssessmentFactors", factor)
                    origins.add("AssessmentFactorsList", index,
                                {"AssessmentFactor": factor.source})
                sources["AssessmentFactors"] = factors[0].source
            origins.add("Assessments", index, sources)
        for plan in episode.cin_plans:
            _block(cin, "CINPlanDates", CIN_PLAN, plan)
            origins.add("CINplanDates", index, _sources(plan))
        for enquiry in episode.section47s:
            _block(cin, "Section47", SECTION47, enquiry)
            origins.add("Section47", index, _sources(enquiry))
        _put(cin, "ReferralNFA", episode.details.values.get("ReferralNFA"))
        for number, plan in enumerate(episode.plans):
            found = _block(cin, "ChildProtectionPlans", PLAN, plan)
            origins.add("ChildProtectionPlans", index, _sources(plan))
            reviews = [r for r in episode.reviews.get(number, []) if text_of(r.value)]
            if reviews:
                listed = ET.SubElement(found, "Reviews")
                for review in reviews:
                    _put(listed, "CPPreviewDate", review)
                    origins.add("Reviews", index, {"CPPreviewDate": review.source})
