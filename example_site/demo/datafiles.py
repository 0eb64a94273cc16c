"""Reading the demo's TOML data files, and errors that name the file and the record."""

import tomllib
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from wagtail.fields import StreamField

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataFile:
    """One TOML file of the demo's data, read once."""

    def __init__(self, data_dir: Path, name: str):
        self.name = name
        path = Path(data_dir) / name
        try:
            with path.open("rb") as file:
                self.data = tomllib.load(file)
        except FileNotFoundError:
            raise CommandError(f"{path}: the demo's data file is missing") from None
        except tomllib.TOMLDecodeError as error:
            raise CommandError(f"{path}: not valid TOML: {error}") from None

    def record(self, what: str, name: str) -> "Record":
        return Record(self.name, what, name)

    def records(self, key: str, what: str, name_field: str) -> list[tuple["Record", dict]]:
        """The records of the array of tables ``key``, each with its ``Record``."""
        rows = self.data.get(key, [])
        return [
            (self.record(what, row.get(name_field, f"№ {number}")), row)
            for number, row in enumerate(rows, 1)
        ]


def case_files(data_dir: Path) -> list[DataFile]:
    """The case files in ``cases/``, in the order of their names."""
    folder = Path(data_dir) / "cases"
    return [DataFile(data_dir, f"cases/{path.name}") for path in sorted(folder.glob("*.toml"))]


class Record:
    """A record of a data file, named in every error the loader raises about it."""

    def __init__(self, file_name: str, what: str, name: str):
        self.file_name, self.what, self.name = file_name, what, name

    def __str__(self):
        return f"{self.file_name}, {self.what} «{self.name}»"

    def error(self, message: str) -> CommandError:
        return CommandError(f"{self}: {message}")

    def lookup(self, known: dict, names, what: str) -> list:
        """The objects ``names`` name in ``known``; an unknown name is an error."""
        unknown = [name for name in names if name not in known]
        if unknown:
            listed = ", ".join(f"«{name}»" for name in unknown)
            raise self.error(f"no {what} named {listed}")
        return [known[name] for name in names]

    def one(self, known: dict, name, what: str):
        return self.lookup(known, [name], what)[0]

    @contextmanager
    def checked(self, part: str = ""):
        """Turn the models' ``ValidationError`` and bad values into this record's error."""
        where = f" ({part})" if part else ""
        try:
            yield
        except ValidationError as error:
            raise self.error(f"invalid{where}: {messages(error)}") from None
        except (TypeError, ValueError) as error:
            raise self.error(f"invalid{where}: {error}") from None


def messages(error: ValidationError) -> str:
    """A validation error's messages on one line, each after the name of its field."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages(e) for e in errors)}"
            for field, errors in error.error_dict.items()
        )
    return " ".join(error.messages)


def full_clean_rows(record: Record, rows, parent_key: str, part: str):
    """Check child rows of a cluster by their model's rules, naming the row that fails."""
    for number, row in enumerate(rows, 1):
        with record.checked(f"{part} № {number}"):
            row.full_clean(exclude=[parent_key])


def clean_streams(record: Record, instance):
    """Check and normalise every StreamField of ``instance`` as the editor's form does.

    A model's ``full_clean`` does not look into the blocks; the admin form cleans them,
    which also fills an optional block left out with its empty value.
    """
    for field in instance._meta.fields:
        if isinstance(field, StreamField):
            with record.checked(field.name):
                value = getattr(instance, field.name)
                setattr(instance, field.name, field.stream_block.clean(value))


def stream(record: Record, model, field_name: str, blocks: list[dict]) -> list[dict]:
    """Raw StreamField data; a block type or a field of a block the model lacks is an error.

    Wagtail drops an unknown block type silently, so it is refused here.
    """
    child_blocks = model._meta.get_field(field_name).stream_block.child_blocks
    for block in blocks:
        child = child_blocks.get(block["type"])
        if child is None:
            raise record.error(f"{field_name}: no block type «{block['type']}»")
        names = getattr(child, "child_blocks", None)
        value = block["value"]
        extra = set(value) - set(names) if names and isinstance(value, dict) else set()
        if extra:
            raise record.error(f"{field_name}: «{block['type']}» has no {', '.join(extra)}")
    return blocks
