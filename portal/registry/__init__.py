"""The registry: every record collection and article kind of this site, each from its one declaration.

The built-in declarations are the modules beside this one (``partners.py`` … ``law.py``); a site adds
its own in ``mkdocs.yml`` with ``declaration:``, a Python file (relative to ``mkdocs.yml``) or module
holding a ``COLLECTION`` or ``KIND``. Every stage takes its knowledge of collections and kinds from
here; ``check`` reports a declared template or interface string that is missing.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args, get_origin

from jinja2 import Environment, TemplateNotFound

from portal.problems import ContentError, Problem
from portal.registry.base import ArticleKind, Collection
from portal.schemas.common import References
from portal.strings import strings

BUILT_IN = "portal.registry"


@dataclass(frozen=True)
class Section:
    """A folder of ``content/`` holding articles of one kind; the folder's name is also its address."""

    name: str
    kind: ArticleKind
    title: dict[str, str]
    categories: dict[str, dict[str, str]] = field(default_factory=dict)
    """Category → its title per language: each has its own listing and feed, ``<section>/category/<name>/``."""


@dataclass(frozen=True)
class Registry:
    """The collections of the database and the sections of articles, in the order ``mkdocs.yml`` gives."""

    collections: dict[str, Collection]
    sections: dict[str, Section]
    titles: dict[str, dict[str, str]]
    """Collection, section or other page (``statistics``, ``data``) → its title per language."""
    interface: dict[str, dict[str, str]]
    """Language → the interface strings: ``portal/strings``, with those the declarations bring."""

    @property
    def kinds(self) -> dict[str, ArticleKind]:
        return {section.kind.name: section.kind for section in self.sections.values()}

    def target(self, reference: References) -> list[str]:
        """The collection, or the sections, whose ids a reference field holds."""
        if reference.collection:
            return [reference.collection]
        return [name for name, section in self.sections.items() if section.kind.name == reference.kind]

    def hub(self) -> Collection | None:
        """The collection whose record pages gather everything that names them (the partners)."""
        return next((collection for collection in self.collections.values() if collection.hub), None)

    def problems(self, env: Environment | None = None) -> list[Problem]:
        """Every declared template or interface string that is missing, and every reference to an undeclared target."""
        languages, strings = tuple(self.interface), self.interface
        found = []
        for name, collection in self.collections.items():
            where = f"collection {name!r}"
            for field_name, reference in collection.references.items():
                found += self._target_problems(where, field_name, reference)
            needed = {column.label for column in collection.columns} | {f"filter_{f.name}" for f in collection.filters}
            needed |= {f"value_{code}" for code in coded_values(collection.schema)}
            needed |= {f"stat_{measure}" for measure in collection.measures} | relation_strings(collection.references)
            needed |= {collection.figure[0]} if collection.figure else set()
            found += _string_problems(where, needed, languages, strings)
            if env is not None:
                found += _template_problems(where, collection.partial, env)
        for name, section in self.sections.items():
            where = f"section {name!r} ({section.kind.name})"
            for field_name, reference in section.kind.references.items():
                found += self._target_problems(where, field_name, reference)
            if section.kind.named_after and section.kind.named_after not in self.collections:
                found.append(
                    Problem(
                        "mkdocs.yml",
                        None,
                        f"plugins.portal.sections.{name}",
                        f"its articles are named after {section.kind.named_after!r}, which is not a collection: "
                        "declare it",
                    )
                )
            if env is not None and section.kind.partial:
                found += _template_problems(where, section.kind.partial, env)
            found += _string_problems(where, kind_strings(section.kind), languages, strings)
            found += self._category_problems(name, section, languages)
        for name, titles in self.titles.items():
            found += [
                Problem("mkdocs.yml", None, f"plugins.portal: {name}", f"no title in {lang!r}: add one")
                for lang in languages
                if lang not in titles
            ]
        return found

    @staticmethod
    def _category_problems(name: str, section: Section, languages: tuple[str, ...]) -> list[Problem]:
        """Categories need a kind whose schema has a ``category`` field, and a title in every language."""
        where = f"plugins.portal.sections.{name}.categories"
        if section.categories and "category" not in section.kind.schema.model_fields:
            message = f"articles of kind {section.kind.name!r} have no `category` field: remove the categories"
            return [Problem("mkdocs.yml", None, where, message)]
        return [
            Problem("mkdocs.yml", None, f"{where}.{category}", f"no title in {lang!r}: add one")
            for category, titles in section.categories.items()
            for lang in languages
            if lang not in titles
        ]

    def _target_problems(self, where: str, field_name: str, reference: References) -> list[Problem]:
        """A field naming records of a collection the site does not declare. A field naming articles of a kind
        it has no section of (a press release's ``legal_document`` on a site without legal documents) is
        fine: it has nothing to name, and the check reports any id written in it as unknown."""
        if self.target(reference) or reference.kind:
            return []
        named = reference.collection
        return [
            Problem(
                "mkdocs.yml",
                None,
                "plugins.portal",
                f"{where}: field {field_name!r} names {named}, which this site does not declare",
            )
        ]


def load(
    collections: dict[str, tuple[str, dict[str, str]]],
    sections: dict[str, tuple[str, dict[str, str], dict[str, dict[str, str]]]],
    pages: dict[str, dict[str, str]],
    languages: tuple[str, ...],
    project: Path,
) -> tuple[Registry | None, list[Problem]]:
    """The registry of ``mkdocs.yml``'s collections (name → (declaration, titles)), sections (name →
    (declaration, titles, categories' titles)) and other pages' titles; or the problems of declarations
    that cannot be found."""
    problems = []
    found_collections, found_sections = {}, {}
    for name, (spec, _) in collections.items():
        try:
            found_collections[name] = declaration(spec, "COLLECTION", project)
        except (LookupError, ImportError, SyntaxError) as err:
            problems.append(
                Problem(
                    "mkdocs.yml",
                    None,
                    f"plugins.portal.collections.{name}",
                    f"{err}: give a built-in name, a .py file or a module",
                )
            )
    for name, (spec, section_titles, categories) in sections.items():
        try:
            found_sections[name] = Section(name, declaration(spec, "KIND", project), section_titles, categories)
        except (LookupError, ImportError, SyntaxError) as err:
            problems.append(
                Problem(
                    "mkdocs.yml",
                    None,
                    f"plugins.portal.sections.{name}.kind",
                    f"{err}: give a built-in kind, a .py file or a module",
                )
            )
    if problems:
        return None, problems
    titles = {name: by_lang for name, (_, by_lang) in collections.items()}
    titles |= {name: by_lang for name, (_, by_lang, _) in sections.items()} | pages
    declared = [*found_collections.values(), *(section.kind for section in found_sections.values())]
    interface: dict[str, dict[str, str]] = {}
    for lang in languages:
        try:
            table = dict(strings(lang))
        except ContentError as err:
            problems += err.problems
            continue
        for item in declared:
            table |= item.strings.get(lang, {})
        interface[lang] = table
    if problems:
        return None, problems
    return Registry(found_collections, found_sections, titles, interface), []


def kind_strings(kind: ArticleKind) -> set[str]:
    """The interface strings an article kind's page and index need: its coded values, columns, filters and date."""
    needed = {f"value_{code}" for code in coded_values(kind.schema)} | {kind.date_label}
    needed |= {column.label for column in kind.columns} | {f"filter_{f.name}" for f in kind.filters}
    return needed | relation_strings(kind.references)


def relation_strings(fields: dict[str, References]) -> set[str]:
    """The labels of the links a reference to articles makes: ``rel_<field>`` on the page naming them,
    ``rel_<field>_by`` on theirs."""
    return {f"rel_{name}{side}" for name, reference in fields.items() if reference.kind for side in ("", "_by")}


def coded_values(schema) -> list[str]:
    """The codes of every coded field (``Literal``, or a list of them) of ``schema`` but the publication controls."""
    found: list[str] = []
    for name, info in schema.model_fields.items():
        if name not in ("status", "classification"):
            found += _literals(info.annotation)
    return list(dict.fromkeys(found))


def _literals(annotation) -> list[str]:
    if get_origin(annotation) is Literal:
        return [str(value) for value in get_args(annotation)]
    return [code for arg in get_args(annotation) for code in _literals(arg)]


def _string_problems(
    where: str, needed: set[str], languages: tuple[str, ...], strings: dict[str, dict[str, str]]
) -> list[Problem]:
    return [
        Problem(
            f"portal/strings/{lang}.yml",
            None,
            key,
            f"{where} needs this interface string: add it (or to the declaration's `strings`)",
        )
        for lang in languages
        for key in sorted(needed)
        if key not in strings[lang]
    ]


def _template_problems(where: str, template: str, env: Environment) -> list[Problem]:
    try:
        if env.loader is None:
            raise TemplateNotFound(template)
        env.loader.get_source(env, template)
    except TemplateNotFound:
        return [
            Problem(
                f"overrides/{template}", None, None, f"{where} needs this template: write it (see the others beside it)"
            )
        ]
    return []


def declaration(spec: str, attribute: str, project: Path):
    """The ``COLLECTION`` or ``KIND`` of a declaration: a built-in name, a .py file next to mkdocs.yml, or a module."""
    if spec.endswith(".py"):
        path = (project / spec).resolve()
        if not path.is_file():
            raise LookupError(f"declaration file {spec!r} not found next to mkdocs.yml")
        name = "portal_site_" + re.sub(r"\W", "_", path.stem)
        spec_ = importlib.util.spec_from_file_location(name, path)
        if spec_ is None or spec_.loader is None:
            raise LookupError(f"declaration file {spec!r} cannot be read as Python")
        module = importlib.util.module_from_spec(spec_)
        spec_.loader.exec_module(module)
    else:
        module = importlib.import_module(spec if "." in spec else f"{BUILT_IN}.{spec}")
    if not hasattr(module, attribute):
        raise LookupError(f"declaration {spec!r} has no {attribute}")
    return getattr(module, attribute)
