"""The demo's case library: documents, resources and one TOML file per case.

The cases' dates are fixed and in the past, so every appeal and timeline entry passes the
editor's checks whatever day the command runs on. A case is looked up by its slug first:
a second run adds nothing and leaves an editor's changes alone. Links between cases
(related cases, practices that point at another case) are set only for the cases created
in the same run, in a second pass, since they need every case to exist.
"""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from caseclub_wagtail.models import (
    CaseAppeal,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseTeamMember,
    CaseTimelineEntry,
)
from example_site.demo.datafiles import (
    DataFile,
    Record,
    case_files,
    clean_streams,
    full_clean_rows,
    stream,
)
from example_site.demo.members import members_by_name, topics_by_slug

# The fields of a case file that are not fields of CaseStudyPage.
PARTS = {"appeals", "timeline", "team", "topics", "related", "scenarios", "options", "practices"}
PRACTICE_KINDS = ("case", "document", "resource")


def ensure_documents(documents: DataFile) -> tuple[dict, int]:
    """Add the template documents that the cases link to, keyed as in documents.toml."""
    document_model = get_document_model()
    by_key = {}
    created_count = 0
    for key, data in documents.data.items():
        document = document_model.objects.filter(title=data["title"]).first()
        if document is None:
            document = document_model(
                title=data["title"],
                file=ContentFile(data["text"].encode("utf-8"), name=data["filename"]),
            )
            document._set_document_file_metadata()
            with documents.record("document", key).checked():
                document.full_clean()
            document.save()
            created_count += 1
        by_key[key] = document
    return by_key, created_count


class CaseLibrary:
    """What a case file may name: topics, members, documents, resources and other cases."""

    def __init__(self, index: CaseStudyIndexPage, data_dir, documents: dict[str, object]):
        self.index = index
        self.files = case_files(data_dir)
        self.documents = documents
        self.document_descriptions = {
            key: data["description"]
            for key, data in DataFile(data_dir, "documents.toml").data.items()
        }
        self.resources = DataFile(data_dir, "resources.toml").data
        self.topics = topics_by_slug()
        self.members = members_by_name()
        self.slugs = {file.data.get("slug") for file in self.files}


def ensure_cases(library: "CaseLibrary") -> dict[str, CaseStudyPage]:
    """Publish the demo cases the library does not hold yet; return them by slug."""
    existing = set(library.index.get_children().values_list("slug", flat=True))
    known = existing | library.slugs
    created = {}
    for file in library.files:
        record = file.record("case", file.data.get("slug", "?"))
        if file.data.get("slug") in existing:
            continue
        check_case_names(record, file.data, known)
        created[file.data["slug"]] = (record, file.data, create_case(record, file.data, library))
    if not created:
        return {}
    cases = {case.slug: case for case in CaseStudyPage.objects.child_of(library.index)}
    return {
        slug: link_case(record, data, case, cases, library)
        for slug, (record, data, case) in created.items()
    }


def check_case_names(record: Record, data: dict, known_slugs: set):
    """Refuse a related case or a practice's case that no case file or page has."""
    names = {slug: slug for slug in known_slugs}
    record.lookup(names, data.get("related", []), "case")
    record.lookup(
        names, [row["case"] for row in data.get("practices", []) if "case" in row], "case"
    )


def create_case(record: Record, data: dict, library: CaseLibrary) -> CaseStudyPage:
    """Add one case with its appeals, timeline and team, checked by the models' rules.

    Practices that point at other cases and the related cases come in the second pass.
    """
    fields = {key: value for key, value in data.items() if key not in PARTS}
    with record.checked():
        case = CaseStudyPage(**fields)
    case.scenarios = stream(record, CaseStudyPage, "scenarios", blocks("scenario", data))
    case.solution_options = stream(
        record, CaseStudyPage, "solution_options", blocks("option", data, "options")
    )
    case.practices = practice_blocks(record, data, library, cases=None)
    with record.checked("appeals"):
        case.appeals = [CaseAppeal(sort_order=n, **row) for n, row in enumerate(data["appeals"])]
    with record.checked("timeline"):
        case.timeline = [
            CaseTimelineEntry(sort_order=n, **row) for n, row in enumerate(data["timeline"])
        ]
    case.team = [
        CaseTeamMember(
            sort_order=n,
            member=record.one(library.members, row["member"], "member"),
            role=row["role"],
        )
        for n, row in enumerate(data.get("team", []))
    ]
    case.topics = record.lookup(library.topics, data.get("topics", []), "topic")
    for part in ("appeals", "timeline", "team"):
        full_clean_rows(record, getattr(case, part).all(), "case", part)
    clean_streams(record, case)
    with record.checked():
        library.index.add_child(instance=case)  # saving runs the page's full_clean
    case.save_revision().publish()
    return case


def link_case(record, data, case, cases, library) -> CaseStudyPage:
    """Point a new case at its related cases and at the cases among its practices."""
    case.related_cases = record.lookup(cases, data.get("related", []), "case")
    case.practices = practice_blocks(record, data, library, cases=cases)
    clean_streams(record, case)
    with record.checked():
        case.save_revision().publish()
    return case


def blocks(block_type: str, data: dict, key: str | None = None) -> list[dict]:
    """The raw StreamField data of the tables ``key`` of a case file, as blocks of a type."""
    return [{"type": block_type, "value": row} for row in data.get(key or f"{block_type}s", [])]


def practice_blocks(record: Record, data: dict, library: CaseLibrary, cases) -> list[dict]:
    """The practices and resources; with ``cases`` None, those naming a case are left out."""
    result = []
    for number, row in enumerate(data.get("practices", []), 1):
        kinds = [kind for kind in PRACTICE_KINDS if kind in row]
        if len(kinds) != 1 or len(row) != 1:
            raise record.error(
                f"practice № {number}: give one of {', '.join(PRACTICE_KINDS)}, not {row}"
            )
        kind, name = kinds[0], row[kinds[0]]
        if kind == "case":
            if cases is not None:
                result.append({"type": "case", "value": record.one(cases, name, "case").pk})
        elif kind == "document":
            document = record.one(library.documents, name, "document")
            description = library.document_descriptions[name]
            result.append(
                {
                    "type": "document",
                    "value": {"document": document.pk, "description": description},
                }
            )
        else:
            resource = record.one(library.resources, name, "resource")
            result.append({"type": "resource", "value": dict(resource)})
    return stream(record, CaseStudyPage, "practices", result)
