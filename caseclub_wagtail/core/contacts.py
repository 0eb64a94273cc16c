"""Residents' contacts (e-mail addresses, phone numbers) in text that is about to be published.

Every step runs in linear time, whatever the text: no pattern here can backtrack over more
than one word or one number, and libphonenumber only ever sees one candidate's digits.

- The text is normalised first: Unicode NFKC (a full-width ＠ or digit becomes a plain one),
  every dash and hyphen becomes ``-``, every space a plain space, and invisible format
  characters (soft hyphens, zero-width spaces) are dropped.
- E-mail addresses: a word character, an ``@`` (spaces around it allowed, or an obvious
  spelling such as ``(at)``, ``[собака]``) and a domain with a dot.
- Phone numbers: each run of digits and the signs numbers are written with (spaces, dashes,
  dots, brackets, a leading plus) is read with the word just before it.
  After «тел.», «телефон», «моб.», «факс», «звоните»… a run of 5 to 15 digits is a phone
  (libphonenumber cannot know that a local number such as 5-12-34 is one).
  After «ИНН», «л/с», «протокол №», «ст.», «ГОСТ»… the number right after the word is that
  identifier, not a phone; a number later in the same run still counts.
  Otherwise every stretch of the run's digit groups that holds a full number (10 or 11
  digits, or 8 to 15 after a plus) is asked of libphonenumber (``phonenumbers``, region RU),
  and the grouped local forms 55-12-34, 555-12-34, 555 12 34 and 555.12.34 are phones.
  Amounts (a number grouped in thousands, or the last number before «руб.», «₽», «%»…)
  are not.
- Numbers and e-mail domains listed in the ``PUBLIC_PHONE_NUMBERS`` and
  ``PUBLIC_EMAIL_DOMAINS`` settings belong to organisations and may be published.
"""

import functools
import html
import itertools
import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from caseclub_wagtail import conf

PHONE = "phone"
EMAIL = "email"


@dataclass(frozen=True)
class Contact:
    """A contact found in a text: its kind (``phone`` or ``email``) and how it is written."""

    kind: str
    text: str


# Normalising


@functools.cache
def _characters() -> dict[int, str | None]:
    """How the characters of the Basic Multilingual Plane with many spellings are written."""
    table = {}
    for code in range(0x10000):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Pd":  # every dash and hyphen, the non-breaking hyphen among them
            table[code] = "-"
        elif category == "Zs" or char == "\t":
            table[code] = " "
        elif category in ("Zl", "Zp") or char in "\r\v\f\x1c\x1d\x1e\x85":
            table[code] = "\n"
        elif category == "Cf":  # soft hyphens, zero-width spaces and joiners, direction marks
            table[code] = None
        elif category == "Nd" and not "0" <= char <= "9":
            table[code] = str(unicodedata.decimal(char))
    table[ord("\u2212")] = "-"  # the minus sign is a mathematical symbol, not a dash
    return table


SPACES = re.compile(" {2,}")


def normalise(text: str) -> str:
    """``text`` with one spelling for each digit, dash and space, and no invisible characters."""
    text = unicodedata.normalize("NFKC", text).translate(_characters())
    return SPACES.sub(" ", text)


# Rich text

TAG = re.compile(r"<(/?)([a-zA-Z0-9]*)([^<>]*)>")
ATTRIBUTE = re.compile(r"""\b(?:href|alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
INLINE_TAGS = {
    "a",
    "abbr",
    "b",
    "code",
    "em",
    "i",
    "mark",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "u",
}


def rich_text_content(source: str) -> str:
    """The text a reader of rich text sees, then its links' targets and its images' alt texts."""
    attributes = []

    def replace(tag) -> str:
        attributes.extend(double or single for double, single in ATTRIBUTE.findall(tag[3]))
        # Inline tags may sit inside a number: 8 902 <b>555</b> 12 34.
        return "" if tag[2].lower() in INLINE_TAGS else "\n"

    text = TAG.sub(replace, source or "")
    return html.unescape("\n".join([text, *attributes]))


# E-mail addresses

AT = r"(?:@|[(\[{] ?(?:at|собака) ?[)\]}])"
DOT = r"(?:\.| ?[(\[{] ?(?:dot|точка) ?[)\]}] ?)"
EMAIL_ADDRESS = re.compile(rf"[\w.+-] ?{AT} ?(?P<domain>[\w-]+(?:{DOT}[\w-]+)+)", re.IGNORECASE)
SPELT_DOT = re.compile(DOT, re.IGNORECASE)
LOCAL_PART = re.compile(r"[\w.+-]+$")


def _find_email(text: str) -> Contact | None:
    for address in EMAIL_ADDRESS.finditer(text):
        domain = SPELT_DOT.sub(".", address["domain"]).lower()
        top_level = domain.rsplit(".", 1)[-1]
        if len(top_level) < 2 or not top_level.isalpha() or _is_public_domain(domain):
            continue
        # The local part is read back only this far: the pattern starts at its last character.
        start = address.start()
        local = LOCAL_PART.search(text, max(0, start - 64), start + 1)
        return Contact(EMAIL, text[local.start() : address.end()])
    return None


def _is_public_domain(domain: str) -> bool:
    return any(domain == public or domain.endswith("." + public) for public in _public_domains())


def _public_domains() -> list[str]:
    return [entry.strip().lstrip("@").lower() for entry in conf.get("PUBLIC_EMAIL_DOMAINS")]


# Phone numbers

PHONE_WORD = re.compile(
    r"тел|телефон\w*|тлф|т|моб|мобильн\w*|сот|сотов\w*|факс|tel|phone|mob|fax|whatsapp|"
    r"ватсап|вотсап|viber|вайбер|telegram|телеграм\w*|(?:пере|по)?звони(?:те|ть)?",
    re.IGNORECASE,
)
IDENTIFIER_WORD = re.compile(
    # Registration, tax and bank numbers; personal accounts.
    r"инн|огрн|огрнип|кпп|бик|окпо|октмо|окато|оквэд|снилс|л/с|лс|р/с|к/с|лицев\w*|сч[её]т\w*|"
    # Documents and proceedings: протокол № 12-03-25, договор № 15, дело № 2-1234.
    r"протокол\w*|договор\w*|контракт\w*|соглашени\w*|дел[оауе]|делом|заявк\w*|заявлени\w*|"
    r"постановлени\w*|решени\w*|приказ\w*|распоряжени\w*|предписани\w*|акт[аеуы]?|актом|"
    r"квитанци\w*|поручени\w*|плат[её]ж\w*|кадастров\w*|no|n|"
    # Rules and their parts: СНиП, СанПиН, ГОСТ (Р), СП, статья, пункт, часть.
    r"снип|санпин|гост|р|сп|ту|фз|закон\w*|стать\w*|ст|пункт\w*|п|пп|част\w*|ч|глав\w*|гл|"
    r"раздел\w*|прил\w*|"
    # Addresses: д. 10, кв. 127, индекс 400066.
    r"д|дом|кв|квартир\w*|корп\w*|стр|строени\w*|подъезд\w*|эт|этаж\w*|оф|офис\w*|пом|"
    r"помещени\w*|индекс\w*",
    re.IGNORECASE,
)
NUMBER = re.compile(
    # The word just before the number, if any, and what may stand between them: «тел.: »,
    # «протокол № » (NFKC spells № as No).
    r"(?:(?<![\w/])(?P<word>[^\W\d_]+(?:/[^\W\d_]+)?)[ .:#-]{0,4}(?:No\.? ?)?)?"
    # The number: digits and the signs phone numbers are written with.
    r"(?P<number>\+?\(?[0-9][0-9 ().-]*)"
)
DIGIT_GROUP = re.compile(r"[0-9]+")
LOCAL_NUMBER = re.compile(
    r"(?<![0-9.-])"
    r"(?:[0-9]{1,3}-[0-9]{2}-[0-9]{2}|[0-9]{3} [0-9]{2} [0-9]{2}|[0-9]{3}\.[0-9]{2}\.[0-9]{2})"
    r"(?![0-9]|[.-][0-9])"
)
THOUSANDS = re.compile(r"[0-9]{1,3}(?: [0-9]{3}){2,}")
AMOUNT_AFTER = re.compile(r"(?:руб|р\b|₽|\$|€|коп|тыс|млн|млрд|%)", re.IGNORECASE)


def _find_phone(text: str) -> Contact | None:
    for found in NUMBER.finditer(text):
        number = found["number"].rstrip(" (.-")
        if AMOUNT_AFTER.match(text, found.end()):
            # The last group is an amount (5 000 000 руб.); the rest may still hold a phone.
            number = number.rstrip("0123456789").rstrip(" (.-")
        if len(number) < 5:
            continue
        words = (found["word"] or "").lower().split("/")
        after_identifier = any(IDENTIFIER_WORD.fullmatch(word) for word in words)
        after_phone_word = any(PHONE_WORD.fullmatch(word) for word in words)
        phone = _phone_in(number, after_phone_word, after_identifier)
        if phone is not None:
            return Contact(PHONE, phone)
    return None


def _phone_in(number: str, after_phone_word: bool, after_identifier: bool) -> str | None:
    """The first phone number written in one run of digits, as it is written there."""
    spans = [group.span() for group in DIGIT_GROUP.finditer(number)]
    digits = "".join(DIGIT_GROUP.findall(number))
    if after_phone_word and 5 <= len(digits) <= 15 and not _is_public(number, digits):
        return number
    # counts[i]: how many digits the groups before group i hold; groups_before[count]: i.
    counts = list(itertools.accumulate((end - start for start, end in spans), initial=0))
    groups_before = {count: index for index, count in enumerate(counts)}
    for first in range(1 if after_identifier else 0, len(spans)):
        international = first == 0 and number.startswith("+")
        # A Russian number begins with 3, 4, 7, 8 or 9, after the trunk prefix 8 or the 7.
        if not international and digits[counts[first]] not in "34789":
            continue
        for size in range(8, 16) if international else (10, 11):
            after = groups_before.get(counts[first] + size)
            if after is None:
                continue
            found = digits[counts[first] : counts[after]]
            e164 = _international(found) if international else _national(found)
            if e164 is None or e164 in _public_numbers()[0]:
                continue
            written = number[spans[first][0] : spans[after - 1][1]]
            if not THOUSANDS.fullmatch(written):
                return number[: spans[after - 1][1]] if international else written
    for local in LOCAL_NUMBER.finditer(number):
        if after_identifier and local.start() == spans[0][0]:
            continue
        if not _is_public_local(re.sub("[^0-9]", "", local[0])):
            return local[0]
    return None


@functools.lru_cache(maxsize=4096)
def _national(digits: str) -> str | None:
    """The number in E.164 if ``digits`` are a valid Russian number written without a plus."""
    if len(digits) == 11 and digits[0] in "78":  # the trunk prefix 8, or the country code 7
        digits = digits[1:]
    if len(digits) != 10:
        return None
    # Built from its digits rather than parsed: parse() costs ten times as much.
    number = phonenumbers.PhoneNumber(country_code=7, national_number=int(digits))
    return f"+7{digits}" if phonenumbers.is_valid_number_for_region(number, "RU") else None


@functools.lru_cache(maxsize=4096)
def _international(digits: str) -> str | None:
    """The number in E.164 if ``digits``, written after a plus, are a valid number."""
    for size in (1, 2, 3):  # no country code is the beginning of another one
        code = int(digits[:size])
        if phonenumbers.region_code_for_country_code(code) != phonenumbers.UNKNOWN_REGION:
            break
    else:
        return None
    national = digits[size:]
    zeros = len(national) - len(national.lstrip("0"))
    if not national or zeros == len(national):
        return None
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
    if zeros:  # an Italian number keeps its leading zero
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros
    return f"+{digits}" if phonenumbers.is_valid_number(number) else None


def _is_public(number: str, digits: str) -> bool:
    """Whether a number read as a phone after «тел.» is a listed public one."""
    e164 = _international(digits) if number.startswith("+") else _national(digits)
    return e164 in _public_numbers()[0] if e164 else _is_public_local(digits)


def _is_public_local(digits: str) -> bool:
    """Whether a local number (without its area code) is the end of a listed public number."""
    e164s, local = _public_numbers()
    return digits in local or any(e164.endswith(digits) for e164 in e164s)


def _public_numbers() -> tuple[frozenset[str], frozenset[str]]:
    return _read_public_numbers(tuple(conf.get("PUBLIC_PHONE_NUMBERS")))


@functools.lru_cache(maxsize=8)
def _read_public_numbers(entries: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The listed public numbers in E.164, and those that are only local numbers, as digits."""
    e164s, local = set(), set()
    for entry in entries:
        try:
            number = phonenumbers.parse(normalise(str(entry)), "RU")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            e164s.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        else:
            local.add(re.sub("[^0-9]", "", normalise(str(entry))))
    return frozenset(e164s), frozenset(local)


# The checks


def find_contact(text: str) -> Contact | None:
    """The first e-mail address or phone number in ``text`` that is not listed as public."""
    if not text:
        return None
    text = normalise(text)
    return _find_email(text) or _find_phone(text)


def find_contact_in_rich_text(source: str) -> Contact | None:
    """The first contact in the text, link targets and alt texts of a rich text value."""
    return find_contact(rich_text_content(source))


def contains_contact(text: str) -> bool:
    """Whether ``text`` holds something that reads as an e-mail address or phone number."""
    return find_contact(text) is not None
