"""Round 24's second-wave speed work on the HTML path gives the answers of the code it replaced:
``html_rails.rails_beside`` looking at each block's siblings once (chosen blocks share ancestors) and
testing "holds a chosen block" by the chosen blocks' ancestors, against the walk it replaced (every
chosen block walked up to the top, every sibling tested against every chosen block), on generated
pages with rails of teasers beside generated posts, chosen blocks drawn at random."""
from __future__ import annotations

import random

import pytest
from selectolax.lexbor import LexborHTMLParser

from corpus_clean import html_rails, native
from corpus_clean.html_listings import row_signature
from corpus_clean.html_prose import _inside
from tests.test_html_speed15 import random_page


def rails_beside_walk(chosen, top):
    """The walk ``rails_beside`` replaced (round 24's first wave), kept as the answer it must give."""
    rails, seen = [], set()
    for node in chosen:
        while node is not None and node.mem_id != top.mem_id:
            sibling = node.parent.child if node.parent is not None else None
            markup = row_signature(node)
            while sibling is not None:
                if (sibling.tag and not sibling.tag.startswith("-") and sibling.mem_id not in seen
                        and row_signature(sibling) != markup
                        and not any(_inside(other, sibling) for other in chosen) and html_rails.teasers_of(sibling)):
                    seen.add(sibling.mem_id)
                    rails.append(sibling)
                sibling = sibling.next
            node = node.parent
    return rails


def rail(rng: random.Random) -> str:
    """A rail of teasers (a linked title of a few words and a blurb each), in one of a few markups."""
    outer, item = rng.choice([("ul", "li"), ("div", "div"), ("aside", "article"), ("section", "div")])
    cls = rng.choice(["", " class='card'", " class='more'", " class='post'"])
    teasers = "".join(f"<{item}{cls}><a href='/s{i}'>A teaser title number {i}</a> "
                      f"{'One blurb, with a comma. ' * rng.randint(0, 3)}</{item}>" for i in range(rng.randint(2, 6)))
    return f"<{outer}{rng.choice(['', cls])}>{teasers}</{outer}>"


def post(rng: random.Random, depth: int = 0) -> str:
    """A post's blocks, some nested, with rails and random markup beside them."""
    parts = []
    for _ in range(rng.randint(1, 5)):
        roll = rng.random()
        if roll < 0.3:
            parts.append(f"<p class='{rng.choice(['post', 'text', 'p'])}'>A paragraph of the post, with commas, "
                         f"and more words.</p>")
        elif roll < 0.55:
            parts.append(rail(rng))
        elif roll < 0.7 or depth > 3:
            parts.append(random_page(rng, 3))
        else:
            tag = rng.choice(["div", "section", "main", "article"])
            parts.append(f"<{tag} class='{rng.choice(['post', 'col', 'wrap'])}'>{post(rng, depth + 1)}</{tag}>")
    return "".join(parts)


def answers(seed: int, twins: bool) -> tuple[int, int]:
    """(chosen sets whose rails differ from the replaced walk's, chosen sets with a rail) on one generated page."""
    rng = random.Random(seed)
    tree = LexborHTMLParser(f"<html><body><div id='top'>{post(rng)}</div></body></html>")
    elements = [node for node in tree.body.traverse(include_text=False)]
    differ = with_rails = 0
    for _ in range(12):
        chosen = rng.sample(elements, rng.randint(1, min(8, len(elements))))
        if rng.random() < 0.5:  # siblings chosen together, as the scoring takes a winner's siblings
            parent = rng.choice(elements)
            chosen += [child for child in parent.iter(include_text=False)][:rng.randint(1, 6)]
        top = rng.choice([tree.body, tree.css_first("#top"), tree.root])
        expected = [node.mem_id for node in rails_beside_walk(chosen, top)]
        if twins:
            with native.twins_only():
                got = [node.mem_id for node in html_rails.rails_beside(chosen, top)]
        else:
            got = [node.mem_id for node in html_rails.rails_beside(chosen, top)]
        differ += got != expected
        with_rails += bool(expected)
    return differ, with_rails


@pytest.mark.parametrize("twins", [False, True])
def test_rails_beside_answers_as_the_walk_it_replaced(twins):
    results = [answers(seed, twins) for seed in range(40)]
    assert sum(differ for differ, _ in results) == 0
    assert sum(with_rails for _, with_rails in results) >= 40  # (the pages hold rails: real answers compared)
