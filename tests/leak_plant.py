"""A faulty stage, simulated for the leak scan's canary (a MkDocs hook, see tests/test_leaks.py).

Once every output is written and indexed, as the leak scan starts, it copies a sentence, a path and an
id (from the environment: PLANT_SENTENCE, PLANT_PATH, PLANT_ID) into a page, the site feed, a search
fragment, the events exports and the events calendar, each written as that format writes text; and an
unpublished attachment's file name and PDF sentence (PLANT_FILE, PLANT_PDF_SENTENCE) into the page.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import icalendar
from markupsafe import escape

import portal.leaks

SENTENCE, PATH, ID = (os.environ[f"PLANT_{name}"] for name in ("SENTENCE", "PATH", "ID"))
ATTACHMENT = [os.environ.get(f"PLANT_{name}", "") for name in ("FILE", "PDF_SENTENCE")]
"""An unpublished attachment's file name and a sentence of its PDF text, planted in the page."""
URL = "https://htqt.moj.gov.vn/" + PATH
PAGE = "news/2016/tin-cong-khai"
scan = portal.leaks.scan


def planting(site_dir: Path, *args) -> list[str]:
    site = Path(site_dir)
    for plant in (page, feed, search, exports, calendar):
        plant(site)
    return scan(site_dir, *args)


def page(site: Path) -> None:
    path = site / PAGE / "index.html"
    html = f'<p>{escape(SENTENCE)}</p><a href="/{PATH}">x</a><table><tr data-partner="jp {ID}"></tr></table>'
    html += "".join(f"<p>{escape(text)}</p>" for text in ATTACHMENT) + "</body>"
    path.write_text(path.read_text("utf-8").replace("</body>", html), "utf-8")


def feed(site: Path) -> None:
    entry = ET.Element("entry")
    ET.SubElement(entry, "title").text = SENTENCE
    ET.SubElement(entry, "link", href=URL)
    ET.SubElement(entry, "category", term=ID)
    path = site / "feed.xml"
    path.write_text(path.read_text("utf-8").replace("</feed>", ET.tostring(entry, "unicode") + "</feed>"), "utf-8")


def search(site: Path) -> None:
    for fragment in (site / "pagefind/fragment").iterdir():
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        if PAGE in text:
            data = json.loads(text.removeprefix("pagefind_dcd"))
            data["content"] += " " + SENTENCE
            data["meta"]["link"] = "/" + PATH
            data["filters"] = {"partner": [ID]}
            fragment.write_bytes(gzip.compress(("pagefind_dcd" + json.dumps(data, ensure_ascii=False)).encode("utf-8")))


def exports(site: Path) -> None:
    path = site / "data/events.json"
    data = json.loads(path.read_text("utf-8"))
    data["records"].append({"id": "x", "summary": {"vi": SENTENCE}, "url": {"vi": URL}, "partners": [ID]})
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    with (site / "data/events.csv").open("a", encoding="utf-8", newline="") as file:
        csv.writer(file).writerow(["x", SENTENCE, URL])


def calendar(site: Path) -> None:
    path = site / "data/events.ics"
    events = icalendar.Calendar.from_ical(path.read_bytes())
    event = icalendar.Event()
    event.add("uid", f"{ID}@htqt.moj.gov.vn")
    event.add("description", SENTENCE)
    event.add("url", URL)
    events.add_component(event)
    path.write_bytes(events.to_ical())


portal.leaks.scan = planting
