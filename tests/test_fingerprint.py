"""Page fingerprints (``portal/fingerprint.py``): a value changed anywhere in a plan changes its digest."""

import dataclasses
import datetime as dt
import enum
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

import pytest

from portal.fingerprint import Fingerprints, Unreadable

pytestmark = pytest.mark.fast


class Kind(enum.Enum):
    NEWS = "news"
    PRESS = "press"


class Level(enum.StrEnum):
    PUBLIC = "public"


@dataclasses.dataclass
class Card:
    title: str
    tags: tuple[str, ...] = ()
    kind: Kind = Kind.NEWS


@dataclasses.dataclass
class Listing:
    cards: list[Card]
    extra: dict[str, object] = dataclasses.field(default_factory=dict)


def digest(value: object) -> str:
    return Fingerprints().of(value)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("1", 1),
        (1, True),
        (1, 1.0),
        (None, "None"),
        (["ab"], ["a", "b"]),
        ([["a"], "b"], ["a", ["b"]]),
        ({"a": "b"}, ["a", "b"]),
        ("é", "e\u0301"),
        (b"x", "x"),
        (dt.date(2026, 1, 2), "2026-01-02"),
        (
            dt.datetime(2026, 1, 2, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
            dt.datetime(2026, 1, 2, 9, tzinfo=ZoneInfo("UTC")),
        ),
        (Kind.NEWS, Kind.PRESS),
        (Kind.NEWS, "news"),
        (PurePosixPath("a/b"), ["a", "b"]),
        (Card("A"), Card("B")),
        (Card("A", ("x",)), Card("A", ("y",))),
        (Card("A"), Card("A", kind=Kind.PRESS)),
        (Listing([Card("A")]), Listing([Card("A"), Card("A")])),
        (Listing([Card("A")], {"page": 1}), Listing([Card("A")], {"page": 2})),
        ({"x"}, {"y"}),
    ],
)
def test_different_values_differ(first, second):
    assert digest(first) != digest(second)


def test_equal_values_agree_whatever_their_identity_or_set_order():
    assert digest(Listing([Card("A", ("x",))])) == digest(Listing([Card("A", ("x",))]))
    assert digest({"b", "a", "c"}) == digest({"c", "a", "b"})
    assert digest(Level.PUBLIC) == digest("public")  # a str enum is hashed as its text, as templates print it


def test_a_shared_object_is_hashed_once_per_build_and_seen_in_every_page():
    shared = Card("A")
    prints = Fingerprints()
    first, second = prints.of(Listing([shared])), prints.of(Listing([shared, Card("B")]))
    assert first != second
    assert Fingerprints().of(Listing([Card("A")])) == first


def test_a_function_is_unreadable():
    with pytest.raises(Unreadable):
        digest(Listing([Card("A")], {"render": lambda: "x"}))


def test_a_cycle_does_not_recurse_forever():
    @dataclasses.dataclass
    class Node:
        name: str
        parent: object = None

    node = Node("a")
    node.parent = node
    assert digest(node) != digest(Node("a"))


def test_dataclasses_of_one_build_are_each_read_by_their_own_fields():
    @dataclasses.dataclass
    class Dated(Card):
        date: str = ""

    @dataclasses.dataclass
    class Titled:  # Card's first field, by another class
        title: str

    prints = Fingerprints()  # one build: what it learns of one class must not be used for another
    plain, dated, other_date, titled = (
        prints.of(Card("A")),
        prints.of(Dated("A", date="2026-01-02")),
        prints.of(Dated("A", date="2026-01-03")),
        prints.of(Titled("A")),
    )
    assert len({plain, dated, other_date, titled}) == 4
    assert Fingerprints().of(Dated("A", date="2026-01-02")) == dated  # in any order


def test_an_unreadable_object_stays_unreadable_when_met_again():
    class Handle:
        __slots__ = ()

    prints, handle = Fingerprints(), Handle()
    for _ in range(2):
        with pytest.raises(Unreadable):
            prints.of(Listing([Card("A")], {"file": handle}))


def test_a_plain_value_hashed_in_a_set_is_hashed_as_before_elsewhere():
    prints = Fingerprints()
    prints.of(Listing([Card("A")], {"years": {2015, 2016}, "at": {dt.date(2026, 1, 2)}}))
    assert prints.of([2015]) != prints.of([2016])
    assert prints.of([2015, dt.date(2026, 1, 2)]) == Fingerprints().of([2015, dt.date(2026, 1, 2)])
