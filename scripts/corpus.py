"""A seeded benchmark corpus: a complete portal project with N articles per language and database records.

Usage: python scripts/corpus.py --articles 1000 [--seed 1] [--unpublished 0] --out /tmp/corpus-1000

Writes mkdocs.yml, docs/ and overrides/ (copied from this repository) and a generated content/:
news (most articles, 2010-2026), press releases with numbers, plans with task tables, a law page per
partner, about 600 words per article with headings, lists and some tables; Vietnamese with real
diacritics and matching English; one in twenty articles in Vietnamese only; partners, agreements,
projects, experts and events scaled with N and cross-referenced so that the build validates.
``--unpublished M`` keeps M items out of the public build (drafts, internal, embargoed in turn): two
thirds articles (some in English only), the rest events that nothing public names.
The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from portal.scaffold import slugify  # noqa: E402

PARTNERS = {
    # id: (kind, region, Vietnamese name, English name)
    "jp": ("country", "asia-pacific", "Nhật Bản", "Japan"),
    "kr": ("country", "asia-pacific", "Hàn Quốc", "Republic of Korea"),
    "la": ("country", "asia-pacific", "Lào", "Lao PDR"),
    "kh": ("country", "asia-pacific", "Campuchia", "Cambodia"),
    "cn": ("country", "asia-pacific", "Trung Quốc", "China"),
    "au": ("country", "asia-pacific", "Ô-xtrây-li-a", "Australia"),
    "de": ("country", "europe", "Đức", "Germany"),
    "fr": ("country", "europe", "Pháp", "France"),
    "se": ("country", "europe", "Thụy Điển", "Sweden"),
    "dk": ("country", "europe", "Đan Mạch", "Denmark"),
    "fi": ("country", "europe", "Phần Lan", "Finland"),
    "ru": ("country", "europe", "Liên bang Nga", "Russian Federation"),
    "us": ("country", "americas", "Hoa Kỳ", "United States"),
    "ca": ("country", "americas", "Ca-na-đa", "Canada"),
    "undp": ("organisation", "global", "Chương trình Phát triển Liên hợp quốc", "United Nations Development Programme"),
    "eu": ("organisation", "europe", "Liên minh châu Âu", "European Union"),
    "unicef": ("organisation", "global", "Quỹ Nhi đồng Liên hợp quốc", "UNICEF"),
    "jica": (
        "organisation",
        "asia-pacific",
        "Cơ quan Hợp tác Quốc tế Nhật Bản",
        "Japan International Cooperation Agency",
    ),
    "giz": ("organisation", "europe", "Tổ chức Hợp tác Quốc tế Đức", "German Agency for International Cooperation"),
    "adb": ("organisation", "asia-pacific", "Ngân hàng Phát triển châu Á", "Asian Development Bank"),
}
TOPICS = [
    ("xây dựng pháp luật", "law-making"),
    ("thi hành án dân sự", "civil judgment enforcement"),
    ("trợ giúp pháp lý", "legal aid"),
    ("hộ tịch", "civil status registration"),
    ("phổ biến, giáo dục pháp luật", "legal dissemination and education"),
    ("tương trợ tư pháp", "mutual legal assistance"),
    ("đào tạo luật sư", "training of lawyers"),
    ("bồi thường nhà nước", "state compensation"),
    ("kiểm tra văn bản quy phạm pháp luật", "review of legal normative documents"),
    ("công chứng", "notarisation"),
    ("đăng ký giao dịch bảo đảm", "registration of secured transactions"),
    ("hợp tác quốc tế về pháp luật", "international legal cooperation"),
]
SUBJECTS = [
    ("Bộ Tư pháp", "The Ministry of Justice"),
    ("Hai bên", "The two sides"),
    ("Đoàn công tác", "The delegation"),
    ("Các chuyên gia", "The experts"),
    ("Vụ Hợp tác quốc tế", "The International Cooperation Department"),
    ("Đại diện nhà tài trợ", "The donor's representative"),
    ("Lãnh đạo Bộ", "The Ministry's leadership"),
    ("Các đại biểu", "The participants"),
]
VERBS = [
    ("đã trao đổi kinh nghiệm về", "exchanged experience on"),
    ("thống nhất tăng cường hợp tác trong lĩnh vực", "agreed to strengthen cooperation in"),
    ("đánh giá cao kết quả thực hiện", "praised the results achieved in"),
    ("đề xuất giải pháp nâng cao hiệu quả", "proposed ways to improve"),
    ("thảo luận kế hoạch triển khai", "discussed the implementation plan for"),
    ("chia sẻ thông tin về", "shared information on"),
    ("nhấn mạnh vai trò của", "stressed the role of"),
    ("cam kết tiếp tục hỗ trợ", "committed to continued support for"),
]
COMPLEMENTS = [
    ("trong giai đoạn tới", "in the coming period"),
    ("theo tinh thần của Hiến pháp năm 2013", "in the spirit of the 2013 Constitution"),
    ("phù hợp với các cam kết quốc tế", "in line with international commitments"),
    ("tại các địa phương", "in the provinces"),
    ("thông qua các hội thảo chuyên đề", "through thematic workshops"),
    ("với sự tham gia của nhiều bộ, ngành", "with many ministries taking part"),
    ("nhằm nâng cao năng lực cán bộ tư pháp", "to build the capacity of justice officials"),
    ("một cách thiết thực và hiệu quả", "in a practical and effective way"),
]
HEADINGS = [
    ("Kết quả chính", "Main results"),
    ("Phương hướng hợp tác", "Next steps"),
    ("Bối cảnh", "Background"),
    ("Ý kiến các đại biểu", "Views of participants"),
]
UNITS = [
    ("Vụ Hợp tác quốc tế", "International Cooperation Department"),
    ("Văn phòng Bộ", "Ministry Office"),
    ("Cục Trợ giúp pháp lý", "Legal Aid Department"),
    ("Tổng cục Thi hành án dân sự", "General Department of Civil Judgment Enforcement"),
    ("Vụ Pháp luật quốc tế", "Department of International Law"),
]


@dataclass
class Article:
    section: str
    slug: str
    date: str
    fields: dict[str, dict]
    """lang → front matter."""
    bodies: dict[str, str]


class Writer:
    """Sentences and paragraphs in both languages from the seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, topic: tuple[str, str], partner: tuple[str, str]) -> tuple[str, str]:
        (s_vi, s_en), (v_vi, v_en), (c_vi, c_en) = (self.rng.choice(x) for x in (SUBJECTS, VERBS, COMPLEMENTS))
        with_partner = self.rng.random() < 0.4
        vi = f"{s_vi} {v_vi} {topic[0]}{' cùng ' + partner[0] if with_partner else ''} {c_vi}."
        en = f"{s_en} {v_en} {topic[1]}{' with ' + partner[1] if with_partner else ''} {c_en}."
        return vi, en

    def body(self, topic, partner, words: int) -> tuple[str, str]:
        vi: list[str] = []
        en: list[str] = []
        count = 0
        while count < words:
            if len(vi) in (2, 5) and self.rng.random() < 0.7:
                h_vi, h_en = self.rng.choice(HEADINGS)
                vi.append(f"## {h_vi}")
                en.append(f"## {h_en}")
            if self.rng.random() < 0.1:
                vi.append(self.table(topic, "vi"))
                en.append(self.table(topic, "en"))
            pairs = [self.sentence(topic, partner) for _ in range(self.rng.randint(3, 6))]
            if self.rng.random() < 0.2:
                vi.append("\n".join(f"- {p[0]}" for p in pairs))
                en.append("\n".join(f"- {p[1]}" for p in pairs))
            else:
                vi.append(" ".join(p[0] for p in pairs))
                en.append(" ".join(p[1] for p in pairs))
            count += sum(len(p[0].split()) for p in pairs)
        return "\n\n".join(vi) + "\n", "\n\n".join(en) + "\n"

    def table(self, topic, lang: str) -> str:
        head = "| Nội dung | Đơn vị chủ trì | Thời gian |" if lang == "vi" else "| Activity | Lead unit | When |"
        rows = []
        for _ in range(3):
            unit = self.rng.choice(UNITS)[0 if lang == "vi" else 1]
            rows.append(f"| {topic[0 if lang == 'vi' else 1].capitalize()} | {unit} | {self.rng.randint(2010, 2026)} |")
        return "\n".join([head, "|---|---|---|", *rows])


def records(rng: random.Random, n: int) -> dict[str, dict[str, dict]]:
    """collection → id → record data."""
    data: dict[str, dict[str, dict]] = {"partners": {}, "agreements": {}, "projects": {}, "experts": {}, "events": {}}
    for pid, (kind, region, vi, en) in PARTNERS.items():
        data["partners"][pid] = {
            "kind": kind,
            "region": region,
            "name": {"vi": vi, "en": en},
            "since": rng.randint(1990, 2015),
        }
    ids = list(PARTNERS)
    for i in range(max(8, n // 25)):
        partner = rng.choice(ids)
        year = rng.randint(2005, 2026)
        data["agreements"][f"thoa-thuan-{partner}-{i}"] = {
            "title": {
                "vi": f"Bản ghi nhớ hợp tác về {rng.choice(TOPICS)[0]} với {PARTNERS[partner][2]} ({i})",
                "en": f"Memorandum of understanding with {PARTNERS[partner][3]} ({i})",
            },
            "type": rng.choice(["mou", "agreement", "treaty"]),
            "partners": [partner],
            "signed": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "validity": rng.choice(["in-force", "expired"]),
        }
    agreements = list(data["agreements"])
    for i in range(max(6, n // 40)):
        donor = rng.choice(ids)
        start = rng.randint(2008, 2024)
        topic = rng.choice(TOPICS)
        data["projects"][f"du-an-{donor}-{i}"] = {
            "title": {"vi": f"Dự án hỗ trợ {topic[0]} ({i})", "en": f"Support to {topic[1]} ({i})"},
            "donor": donor,
            "agreement": rng.choice(agreements),
            "start": f"{start}-01-01",
            "end": f"{start + rng.randint(1, 5)}-12-31",
            "phase": rng.choice(["planned", "ongoing", "completed"]),
            "progress": rng.randint(0, 100),
            "budget": {"amount": rng.randint(1, 90) * 100_000, "currency": rng.choice(["USD", "EUR", "JPY"])},
        }
    for i in range(max(4, n // 100)):
        data["experts"][f"chuyen-gia-{i}"] = {
            "name": f"Chuyên gia {i}",
            "role": {"vi": "Chuyên gia pháp luật", "en": "Legal expert"},
            "affiliation": {"vi": rng.choice(UNITS)[0], "en": rng.choice(UNITS)[1]},
            "fields": [rng.choice(["civil", "criminal", "administrative"])],
            "languages": ["vi", "en"],
            "partners": [rng.choice(ids)],
        }
    projects = list(data["projects"])
    for i in range(max(10, n // 20)):
        year = rng.randint(2010, 2026)
        kind = rng.choice(["conference", "workshop", "forum", "delegation-in", "delegation-out"])
        topic = rng.choice(TOPICS)
        data["events"][f"su-kien-{year}-{i}"] = {
            "title": {"vi": f"Hội thảo về {topic[0]} ({i})", "en": f"Workshop on {topic[1]} ({i})"},
            "type": kind,
            "start": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "place": {"vi": "Hà Nội", "en": "Ha Noi"},
            "partners": [rng.choice(ids)],
            "project": rng.choice(projects),
            "participants": rng.randint(20, 300),
        }
    return data


def articles(rng: random.Random, n: int, data: dict) -> list[Article]:
    writer = Writer(rng)
    ids = list(PARTNERS)
    events = list(data["events"])
    found = [law_page(writer, pid) for pid in ids[: min(len(ids), max(3, n // 50))]]
    plans = max(2, n // 100)
    press = n // 7
    for i in range(n - len(found)):
        section = "plans" if i < plans else "press" if i < plans + press else "news"
        topic, pid = rng.choice(TOPICS), rng.choice(ids)
        partner = PARTNERS[pid][2:]
        year = rng.randint(2010, 2026)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title_vi = f"{rng.choice(SUBJECTS)[0]} {rng.choice(VERBS)[0]} {topic[0]} cùng {partner[0]} số {i}"
        title_en = f"{rng.choice(SUBJECTS)[1]} {rng.choice(VERBS)[1]} {topic[1]} with {partner[1]}, no. {i}"
        common = {"date": date, "partners": [pid], "events": [rng.choice(events)]}
        vi_body, en_body = writer.body(topic, partner, 600)
        fields: dict[str, dict[str, object]] = {
            "vi": {"title": title_vi, **common, "summary": vi_body.split(". ")[0] + ".", "tags": [topic[0]]},
            "en": {"title": title_en, **common, "summary": en_body.split(". ")[0] + ".", "tags": [topic[1]]},
        }
        if section == "press":
            for lang in fields:
                fields[lang]["number"] = f"{i}/TCBC-BTP"
        if section == "plans":
            seed = rng.random()
            for lang in fields:
                fields[lang] |= {
                    "decision": {"number": f"{i}/QĐ-BTP", "date": date},
                    "period": f"{year}-{year + 3}",
                    "tasks": tasks(seed, lang),
                }
        bodies = {"vi": vi_body, "en": en_body}
        if rng.random() < 0.05:
            del fields["en"], bodies["en"]
        found.append(Article(section, slugify(title_vi), date, fields, bodies))
    return found


def law_page(writer: Writer, pid: str) -> Article:
    partner = PARTNERS[pid][2:]
    topic = ("hệ thống pháp luật và tư pháp", "the legal and judicial system")
    vi, en = writer.body(topic, partner, 600)
    fields = {
        "vi": {"title": f"Hệ thống pháp luật của {partner[0]}", "date": "2017-09-01", "partners": [pid]},
        "en": {"title": f"The legal system of {partner[1]}", "date": "2017-09-01", "partners": [pid]},
    }
    return Article("law", pid, "2017-09-01", fields, {"vi": vi, "en": en})


CONTROLS = ({"status": "draft"}, {"classification": "internal"}, {"publish_at": "2030-01-01T09:00:00+07:00"})
"""The publication controls unpublished items get, in turn."""


def unpublish(rng: random.Random, found: list[Article], data: dict, n: int) -> None:
    """Keep ``n`` items out of the public build: articles (every fourth in English only), then new events."""
    writer = Writer(rng)
    candidates = [article for article in found if article.section != "law"]
    chosen = rng.sample(candidates, min(len(candidates), n * 2 // 3))
    for i, article in enumerate(chosen):
        langs = ["en"] if i % 4 == 0 and "en" in article.fields else list(article.fields)
        for lang in langs:
            article.fields[lang] |= CONTROLS[i % 3]
    for i in range(n - len(chosen)):
        topic, pid = rng.choice(TOPICS), rng.choice(list(PARTNERS))
        summary = writer.sentence(topic, PARTNERS[pid][2:])
        data["events"][f"cuoc-hop-chua-cong-bo-{i}"] = {
            "title": {"vi": f"Cuộc họp về {topic[0]} chưa công bố ({i})", "en": f"Meeting on {topic[1]} ({i})"},
            "type": "meeting",
            "start": f"{rng.randint(2010, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "place": {"vi": "Hà Nội", "en": "Ha Noi"},
            "partners": [pid],
            "summary": {"vi": summary[0], "en": summary[1]},
            **CONTROLS[i % 3],
        }


def tasks(seed: float, lang: str) -> list[dict]:
    """A plan's task table; the same seed gives the same tasks in every language."""
    index = 0 if lang == "vi" else 1
    state = random.Random(seed)
    return [
        {
            "title": TOPICS[state.randrange(len(TOPICS))][index].capitalize(),
            "lead": UNITS[k % len(UNITS)][index],
            "coordinating": [UNITS[(k + 1) % len(UNITS)][index]],
            "timeframe": "2017-2020",
            "status": ["planned", "ongoing", "done"][k % 3],
        }
        for k in range(state.randint(3, 8))
    ]


def write_corpus(out: Path, n: int, seed: int, unpublished: int = 0) -> dict[str, int]:
    """Write the project into ``out``, ``unpublished`` items kept out of the public build; return counts."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, out / name)
    data = records(rng, n)
    found = articles(rng, n, data)
    if unpublished:
        unpublish(random.Random(f"{seed}-unpublished"), found, data, unpublished)
    content = out / "content"
    for collection, items in data.items():
        folder = content / "data" / collection
        folder.mkdir(parents=True)
        for rid, record in items.items():
            (folder / f"{rid}.yml").write_text(dump(record), encoding="utf-8")
    files = 0
    for article in found:
        folder = content / article.section / (article.date[:4] if article.section in ("news", "press") else "")
        folder.mkdir(parents=True, exist_ok=True)
        for lang, fields in article.fields.items():
            (folder / f"{article.slug}.{lang}.md").write_text(
                f"---\n{dump(fields)}---\n{article.bodies[lang]}", encoding="utf-8"
            )
            files += 1
    return {"article_files": files, "records": sum(len(items) for items in data.values()), "unpublished": unpublished}


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="articles per language")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--unpublished", type=int, default=0, help="items kept out of the public build")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    counts = write_corpus(args.out, args.articles, args.seed, args.unpublished)
    print(
        f"wrote {args.out}: {counts['article_files']} article files, {counts['records']} records, "
        f"{counts['unpublished']} unpublished"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
