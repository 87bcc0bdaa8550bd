"""A content tree with one mistake per file, each of a different kind, and what must be reported."""

GOOD_PARTNER = "kind: country\nregion: asia-pacific\nname:\n  vi: Nhật Bản\n  en: Japan\n"


def article(**fields) -> str:
    lines = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\n{lines}---\nBody.\n"


FILES: dict[str, str | bytes] = {
    "content/data/partners/jp.yml": GOOD_PARTNER,
    "content/data/partners/undp.yml": "kind: organisation\nregion: global\nname:\n  en: UNDP\n",
    "content/news/2015/missing-title.vi.md": article(date="2015-03-06"),
    "content/news/2015/bad-date.vi.md": article(title="A", date="06/03/2015"),
    "content/news/2015/impossible-date.vi.md": article(title="A", date="2015-02-30"),
    "content/news/2015/typo-field.vi.md": article(titel="A", title="A", date="2015-03-06"),
    "content/news/2015/unknown-partner.vi.md": article(title="A", date="2015-03-06", partners="[jpn]"),
    "content/news/2015/bad-status.vi.md": article(title="A", date="2015-03-06", status="pending"),
    "content/news/2015/hợp-tác.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/wrong-lang.vn.md": article(title="A", date="2015-03-06"),
    "content/news/2015/pair-dates.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/pair-dates.en.md": article(title="A", date="2015-03-07"),
    "content/news/no-year.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2016/wrong-year.vi.md": article(title="A", date="2015-03-06"),
    "content/press/2015/no-number.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/yaml-error.vi.md": "---\ntitle: [A\ndate: 2015-03-06\n---\nBody\n",
    "content/news/2015/naive-embargo.vi.md": article(title="A", date="2015-03-06", publish_at="2015-03-06T09:00:00"),
    "content/news/2015/not-utf8.vi.md": b"---\ntitle: Lu\xe2t\ndate: 2015-03-06\n---\n",
    "content/news/2015/no-front-matter.vi.md": "Just a body.\n",
    "content/news/2015/update-no-note.vi.md": article(title="A", date="2015-03-06", updated="2015-04-01"),
    "content/blog/2015/stray.vi.md": article(title="A", date="2015-03-06"),
    "content/news/2015/duplicate-key.vi.md": article(title="A", date="2015-03-06") .replace("date:", "title: B\ndate:"),
    "content/law/zz.vi.md": article(title="A", date="2015-03-06"),
    "content/data/agreements/unknown-party.yml": "title: {vi: A, en: A}\ntype: mou\npartners: [jpp]\nvalidity: negotiating\n",
    "content/data/projects/bad-dates.yml": "title: {vi: A, en: A}\ndonor: jp\nstart: 2015-04-01\nend: 2014-04-01\nphase: ongoing\n",
    "content/data/events/no-vi-title.yml": "title: {en: Forum}\ntype: forum\nstart: 2015-12-08\nplace: {vi: Hà Nội}\nproject: jica\n",
    "content/data/events/wrong-lang-key.yml": "title: {vi: A, eng: A}\ntype: forum\nstart: 2015-12-32\nplace: {vi: Hà Nội}\n",
    "content/data/partners/jp.yaml": GOOD_PARTNER,
    "content/data/partners/Kr.yml": GOOD_PARTNER,
    "content/data/treaties/x.yml": GOOD_PARTNER,
    "content/plans/bad-task.vi.md": article(
        title="A", date="2017-01-01", period="2017-2020", decision="{number: 1/QĐ-BTP, date: 2017-01-01}",
        tasks="\n  - {title: T, lead: L, timeframe: 2017, status: late}",
    ),
}

EXPECTED: list[tuple[str, str | None, str]] = [
    # (file, field, a phrase of the message)
    ("content/data/partners/undp.yml", "name", "'vi' text is required"),
    ("content/news/2015/missing-title.vi.md", "title", "required field is missing"),
    ("content/news/2015/bad-date.vi.md", "date", "YYYY-MM-DD"),
    ("content/news/2015/impossible-date.vi.md", "date", "not a real calendar date"),
    ("content/news/2015/typo-field.vi.md", "titel", "did you mean `title`"),
    ("content/news/2015/unknown-partner.vi.md", "partners.0", "did you mean jp"),
    ("content/news/2015/bad-status.vi.md", "status", "'published' or 'draft'"),
    ("content/news/2015/hợp-tác.vi.md", None, "lowercase ASCII"),
    ("content/news/2015/wrong-lang.vn.md", None, "unknown language 'vn'"),
    ("content/news/2015/pair-dates.vi.md", "date", "must agree"),
    ("content/news/no-year.vi.md", None, "content/news/<YYYY>/<slug>.<lang>.md"),
    ("content/news/2016/wrong-year.vi.md", "date", "move the file to content/news/2015/"),
    ("content/press/2015/no-number.vi.md", "number", "required field is missing"),
    ("content/news/2015/yaml-error.vi.md", None, "YAML syntax error"),
    ("content/news/2015/naive-embargo.vi.md", "publish_at", "no time zone"),
    ("content/news/2015/not-utf8.vi.md", None, "not UTF-8"),
    ("content/news/2015/no-front-matter.vi.md", None, "front matter missing"),
    ("content/news/2015/update-no-note.vi.md", None, "`updated` and `change_note` go together"),
    ("content/blog/2015/stray.vi.md", None, "not in a known section"),
    ("content/news/2015/duplicate-key.vi.md", "title", "appears twice"),
    ("content/law/zz.vi.md", None, "no partner 'zz'"),
    ("content/plans/bad-task.vi.md", "tasks.0.status", "'planned', 'ongoing' or 'done'"),
    ("content/data/agreements/unknown-party.yml", "partners.0", "unknown partner id 'jpp': did you mean jp?"),
    ("content/data/projects/bad-dates.yml", None, "`end` (2014-04-01) is before `start`"),
    ("content/data/events/no-vi-title.yml", "title", "'vi' text is required"),
    ("content/data/events/wrong-lang-key.yml", "title", "unknown language 'eng'"),
    ("content/data/events/wrong-lang-key.yml", "start", "not a real calendar date"),
    ("content/data/partners/jp.yaml", None, "expected content/data/<collection>/<id>.yml"),
    ("content/data/partners/Kr.yml", None, "must be lowercase ASCII"),
    ("content/data/treaties/x.yml", None, "expected content/data/<collection>/<id>.yml"),
]
