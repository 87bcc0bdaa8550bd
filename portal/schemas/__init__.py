"""One schema per record type: the single statement of what editors may write.

Used to validate content, to document fields for editors and to give editors' tools and open-data
users a JSON Schema (``model_json_schema``).
"""

from portal.schemas.articles import ARTICLE_SCHEMAS, Article, Law, News, Plan, Press
from portal.schemas.common import ID_PATTERN, Controls
from portal.schemas.records import RECORD_SCHEMAS, REFERENCES, Agreement, Event, Expert, Partner, Project

__all__ = [
    "ARTICLE_SCHEMAS", "RECORD_SCHEMAS", "REFERENCES", "ID_PATTERN", "Controls", "Article", "News", "Press", "Plan", "Law",
    "Partner", "Agreement", "Project", "Expert", "Event",
]
