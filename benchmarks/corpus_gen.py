"""A deterministic, realistic noisy corpus of any size, written for this project.

    python benchmarks/corpus_gen.py OUT_DIR --mb 100 [--seed 7] [--file-mb 16] [--html]

News- and web-like documents of about 4 KB: article paragraphs built from templates
with large slot lists (so content lines are mostly unique, as in a real crawl), framed
by the furniture of one of ~40 made-up sites (so furniture lines repeat across
documents, as they do in a crawl): headline, byline, dateline, photo caption and credit,
share bar, "Related Topics", sponsored teasers, reader comments, newsletter prompt,
copyright footer; ~3 % of documents are mojibake (UTF-8 read as cp1252). Every word is
ours: nothing is copied from ../shared/examples.

Document `k` depends only on (seed, k), so a slice of a big corpus equals the small
corpus of the same seed.
"""
from __future__ import annotations

import argparse
import codecs
import json
import random
from pathlib import Path

FIRST = ("Ana", "Tomás", "Lena", "Piet", "Marta", "Jonas", "Chloé", "Ravi", "Inés", "Oskar", "Zoë", "Kwame",
         "Hana", "Mateo", "Freya", "Dmitri", "Amara", "Bruno", "Sofía", "Emeka", "Ingrid", "Yusuf", "Noor", "Elias")
LAST = ("Ruiz", "Okafor", "Vermeer", "Lindqvist", "Moreau", "Patel", "Nakamura", "Berg", "Costa", "Haddad",
        "Novak", "Fischer", "Mensah", "Álvarez", "Kowalski", "O’Brien", "Dubois", "Jensen", "Silva", "Rossi")
PLACES = ("Eastmere", "Port Halden", "Kirkby Vale", "Santa Lucía", "Norrhamn", "Brightwater", "Oldcastle",
          "Lake Avon", "Marlow Bay", "Vinter", "São Caetano", "Redfield", "Ashby", "Kelso Point", "Ravenna Hills")
ORGS = ("the harbour council", "the regional health board", "the city’s transport authority",
        "a coalition of local farmers", "the state university", "the national weather service",
        "the district school board", "a group of residents", "the ministry of finance", "the water utility",
        "the chamber of commerce", "the county court", "the fire brigade", "the museum’s trustees")
ACTIONS = ("voted to rebuild", "announced plans to expand", "postponed a decision on", "approved funding for",
           "opened an inquiry into", "published a report on", "raised concerns about", "agreed to review",
           "set aside money to repair", "began consultations on", "rejected a proposal to close",
           "warned of delays to")
THINGS = ("the old ferry pier", "the northern bypass", "a new primary school", "the flood defences",
          "the central library", "two rural bus routes", "the wastewater plant", "the community clinic",
          "the municipal swimming pool", "a housing estate on the river", "the tram extension",
          "the market hall", "a wind farm off the coast", "the cycle lanes on Mill Road")
WHEN = ("on Monday", "on Tuesday evening", "last week", "after months of debate", "earlier this year",
        "on Friday morning", "this spring", "late on Thursday", "in a closed session", "at its annual meeting")
REASONS = ("because repair costs had doubled since the last estimate",
           "after a winter storm damaged the structure",
           "as passenger numbers returned to their levels of a decade ago",
           "following complaints from people who live nearby",
           "so that work can begin before the tourist season",
           "while a regional grant of {n} million euros is still available",
           "after an engineering survey found cracks in {n} places",
           "because the present contract expires in {y}")
QUOTES = ("“We cannot keep patching something that was built for another century,” said {p}, who chairs the committee.",
          "“The numbers simply do not add up any more,” {p} told reporters outside the hall.",
          "{p}, a spokesperson, said the decision “reflects what people asked us for at every meeting.”",
          "“It’s a relief, but we’ll believe it when the diggers arrive,” said {p}, who has lived in {place} for {n} years.",
          "Critics, including {p}, argued that the plan “moves the problem further down the road.”")
DETAILS = ("The project is expected to cost about {n} million euros and take {m} months to complete.",
           "Officials said {n} per cent of the money would come from a national fund.",
           "About {n},{m}00 people use the service every week, according to figures released in {y}.",
           "A public consultation will run until the end of the month, and a final vote is planned for the autumn.",
           "Engineers have proposed steel piles driven {n} metres into the ground instead of the original timber.",
           "The opposition asked for an independent audit before any contract is signed.",
           "Local businesses said the closure had cut their trade by nearly a third since {y}.",
           "The council will publish the full tender documents on its website next week.",
           "Environmental groups welcomed the move but asked for the nesting season to be respected.",
           "Several schools in {place} have already changed their timetables to fit the new bus times.")
SITE_WORDS = ("Ledger", "Gazette", "Courier", "Herald", "Observer", "Post", "Chronicle", "Sentinel", "Times", "Review")
SECTIONS = ("Home", "News", "Local", "World", "Business", "Sport", "Opinion", "Culture", "Weather", "Video")
COMMENTERS = ("river_watcher", "mjones77", "Concerned Resident", "anon_4412", "KB", "harbourfan", "L. Marsh")
COMMENTS = ("This should have happened years ago.", "Who is paying for all of this?",
            "Great news for the town, finally!", "I’ll believe it when I see it.",
            "The bus changes are a disaster for the village.", "Thanks for covering this properly.")
SPONSORED = ("You won’t believe what this {place} retiree found in her attic",
             "Doctors are stunned by this simple morning habit",
             "The {n} best credit cards for travellers this year",
             "Homeowners in {place} are switching to this solar plan")


def _site(k: int) -> dict:
    """The furniture of made-up site k (repeats across its documents, as in a crawl)."""
    rng = random.Random(1_000_000 + k)
    place = rng.choice(PLACES)
    name = f"The {place} {rng.choice(SITE_WORDS)}"
    return {
        "name": name,
        "news": k % 4 != 3,
        "menu": " | ".join(rng.sample(SECTIONS, 6)),
        "share": rng.choice(("Share on Facebook | Share on Twitter | Email", "Share this article",
                             "Facebook Twitter LinkedIn WhatsApp Email", "Share  Tweet  Pin  Email")),
        "footer": f"© {rng.randint(2019, 2025)} {name}. All rights reserved.",
        "newsletter": rng.choice(("Sign up for our daily newsletter", "Subscribe to our newsletter for the latest news",
                                  "Get the morning briefing in your inbox")),
        "cookie": "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    }


SITES = [_site(k) for k in range(40)]


def _fill(template: str, rng: random.Random, place: str) -> str:
    return template.format(p=f"{rng.choice(FIRST)} {rng.choice(LAST)}", place=place, n=rng.randint(2, 95),
                           m=rng.randint(1, 9), y=rng.randint(2015, 2025))


def _sentence(rng: random.Random, place: str, used: set[str]) -> str:
    """One sentence: an event (slots make it nearly unique) or a quote or detail
    template not used yet in this document (real articles rarely repeat a sentence)."""
    kind = rng.random()
    pool = QUOTES if kind < 0.25 else DETAILS
    template = rng.choice(pool)
    if kind < 0.55 and template not in used:
        used.add(template)
        return _fill(template, rng, place)
    org = rng.choice(ORGS)
    where = f" in {place}" if rng.random() < 0.3 else ""
    return (f"{org[0].upper()}{org[1:]}{where} {rng.choice(ACTIONS)} {rng.choice(THINGS)} "
            f"{rng.choice(WHEN)}, {_fill(rng.choice(REASONS), rng, place)}.")


def _paragraph(rng: random.Random, place: str, used: set[str]) -> str:
    return " ".join(_sentence(rng, place, used) for _ in range(rng.randint(2, 4)))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def document(seed: int, k: int) -> dict:
    """Document k of the corpus: {"id", "text"}, ~4 KB, deterministic in (seed, k)."""
    rng = random.Random(seed * 1_000_003 + k)
    site = SITES[rng.randrange(len(SITES))]
    place = rng.choice(PLACES)
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    date = f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2016, 2025)}"
    used: set[str] = set()
    body = [_paragraph(rng, place, used) for _ in range(rng.randint(7, 11))]
    headline = f"{place} {rng.choice(ACTIONS).split(' ', 1)[0].capitalize()} Plan for {rng.choice(THINGS).title()}"
    lines: list[str] = []
    if site["news"]:
        lines += [site["menu"], headline, f"By {author}", f"Published {date}, {rng.randint(1, 12)}:{rng.randint(10, 59)} PM"]
        body[0] = f"{place.upper()} — {body[0]}"
        if rng.random() < 0.6:
            body.insert(2, f"Workers inspect the site in {place} on {date}. (Photo: {rng.choice(FIRST)} "
                           f"{rng.choice(LAST)}/{site['name'].split(' ', 1)[1]})")
        lines += body[:3] + [site["share"]] + body[3:]
        lines.append(f"Related Topics: {rng.choice(SECTIONS)}, {place}, Local government")
    else:
        lines += [site["cookie"], site["menu"], headline] + body
        lines.append(f"Tags: {place.lower()}, {rng.choice(SECTIONS).lower()}, community")
    if rng.random() < 0.5:
        lines += ["Sponsored Content"] + [_fill(t, rng, place) for t in rng.sample(SPONSORED, 2)]
    if rng.random() < 0.4:
        n = rng.randint(1, 3)
        lines.append(f"Comments ({n})")
        for _ in range(n):
            lines += [f"{rng.choice(COMMENTERS)} wrote:", rng.choice(COMMENTS)]
    lines += [site["newsletter"], site["footer"]]
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.03:  # UTF-8 bytes read as cp1252: "’" → "â€™", "é" → "Ã©"
        text = text.encode("utf-8").decode("cp1252", errors="latin1_fallback")
    return {"id": f"doc-{seed}-{k}", "text": text}


codecs.register_error("latin1_fallback", lambda e: (e.object[e.start:e.end].decode("latin-1"), e.end))


_HTML_PAGE = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
              "<meta name=\"author\" content=\"{author}\"></head><body>"
              "<header><nav>{menu}</nav></header><main><article><h1>{title}</h1>{paragraphs}</article>"
              "<aside><h3>Sponsored</h3><ul><li>{ad}</li></ul></aside></main>"
              "<footer><p>{footer}</p></footer></body></html>")


def html_page(seed: int, k: int) -> dict:
    """Document k as an HTML page (menu, article, sidebar, footer): {"id", "html"}."""
    import html as html_lib

    text = document(seed, k)["text"]
    lines = text.splitlines()
    site = SITES[random.Random(seed * 1_000_003 + k).randrange(len(SITES))]
    title = lines[1] if site["news"] else lines[2]
    paragraphs = [line for line in lines if len(line) > 200]
    page = _HTML_PAGE.format(
        title=html_lib.escape(title), author=html_lib.escape(lines[2][3:] if site["news"] else ""),
        menu="".join(f"<a href=\"/{s.lower()}\">{s}</a>" for s in site["menu"].split(" | ")),
        paragraphs="".join(f"<p>{html_lib.escape(p)}</p>" for p in paragraphs),
        ad=html_lib.escape(SPONSORED[k % len(SPONSORED)].format(place="Ashby", n=7)),
        footer=html_lib.escape(site["footer"]))
    return {"id": f"page-{seed}-{k}", "html": page}


def write_corpus(out_dir: Path, megabytes: float, seed: int = 7, file_mb: float = 16,
                 html: bool = False) -> tuple[int, int]:
    """JSONL files of about `file_mb` each under out_dir until `megabytes` are written.
    Returns (documents, bytes)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    limit, per_file = int(megabytes * 1e6), int(file_mb * 1e6)
    make = html_page if html else document
    k = written = file_no = 0
    while written < limit:
        size = 0
        with open(out_dir / f"{'pages' if html else 'docs'}-{file_no:05d}.jsonl", "w", encoding="utf-8") as handle:
            while size < per_file and written + size < limit:
                line = json.dumps(make(seed, k), ensure_ascii=False) + "\n"
                handle.write(line)
                size += len(line.encode("utf-8"))
                k += 1
        written += size
        file_no += 1
    return k, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--file-mb", type=float, default=16)
    parser.add_argument("--html", action="store_true", help="HTML pages instead of text documents")
    args = parser.parse_args()
    n, size = write_corpus(args.out_dir, args.mb, args.seed, args.file_mb, args.html)
    print(f"{n} documents, {size / 1e6:.1f} MB in {args.out_dir}")


if __name__ == "__main__":
    main()
