"""Interface strings and date formats per language, from ``strings/<lang>.yml``."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.core import get_global
from babel.dates import format_date
from babel.numbers import format_currency

from portal.problems import ContentError, Problem

STRINGS_DIR = Path(__file__).parent / "strings"


@cache
def strings(lang: str) -> dict[str, str]:
    """All interface strings of ``lang``; every language has the same keys as English."""
    path = STRINGS_DIR / f"{lang}.yml"
    if not path.is_file():
        raise ContentError(
            [
                Problem(
                    f"portal/strings/{lang}.yml",
                    None,
                    None,
                    f"no interface strings for language {lang!r}: add this file, translated from en.yml",
                )
            ]
        )
    table = yaml.safe_load(path.read_text("utf-8"))
    missing = sorted(set(yaml.safe_load((STRINGS_DIR / "en.yml").read_text("utf-8"))) - set(table))
    if missing:
        raise ContentError(
            [
                Problem(f"portal/strings/{lang}.yml", None, key, "string missing: translate it from en.yml")
                for key in missing
            ]
        )
    return table


@cache
def babel_locale(lang: str) -> Locale:
    """The Babel locale that formats dates, money and names for readers of ``lang``."""
    return Locale.parse(strings(lang)["babel"])


@cache
def long_date(value: dt.date, lang: str) -> str:
    """A date as readers of ``lang`` write it, e.g. "29 tháng 6, 2017" or "29 June 2017".

    Cached: Babel's formatting is slow, and an archive names the same days on many pages."""
    return format_date(value, "long", locale=babel_locale(lang))


def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` as readers of ``lang`` say it, e.g. "Vietnamese"."""
    return babel_locale(lang).languages.get(code, code)


def money(budget, lang: str) -> str:
    """A budget (amount and ISO 4217 currency) as readers of ``lang`` write money."""
    return format_currency(budget.amount, budget.currency, locale=babel_locale(lang))


@cache
def territory_locale(lang: str) -> str:
    """``lang`` as language_TERRITORY (Open Graph's form), e.g. vi → vi_VN, en (en_GB) → en_GB."""
    locale = babel_locale(lang)
    if not locale.territory:
        locale = Locale.parse(get_global("likely_subtags")[locale.language])
    return f"{locale.language}_{locale.territory}"
