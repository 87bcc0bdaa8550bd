"""The internal build's translation status page: counts per section, then every item to translate."""

from __future__ import annotations

from portal.model import Languages
from portal.pages.base import TranslationsPage
from portal.translations import CURRENT, Status, summary


def translations_page(
    statuses: list[Status], history: bool, title: str, lang: str, languages: Languages
) -> TranslationsPage:
    """The report in ``lang``; ``history`` says whether git history could tell stale translations."""
    return TranslationsPage(
        lang=lang,
        path="translations",
        title=title,
        counts=[(target, section, counts) for (target, section), counts in summary(statuses).items()],
        todo=[status for status in statuses if status.state != CURRENT],
        history=history,
        new_page={status.path: languages.url(lang, status.path) for status in statuses},
        alternates=languages.codes,
    )
