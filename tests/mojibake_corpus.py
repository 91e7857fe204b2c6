"""Clean multilingual text written for these tests, and the ways the mojibake bench garbles
text, re-implemented here (no ../shared needed).

Used by tests/test_mojibake_differential.py (small, fast) and by
benchmarks/mojibake_differential.py (large). Nothing here is copied from a benchmark.
"""
from __future__ import annotations

import difflib
import html.entities
import random
import re

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252" and "-1251")

# One to three sentences per language, written for this project. They carry the
# language's own letters, quotes and dashes; some use NBSP where the language's typography
# does (French before « » ; : ! ?, numbers in groups).
SENTENCES: dict[str, list[str]] = {
    "fr": ["L’été dernier, nous sommes allés à la mer avec nos cousins.",
           "Le maire a déclaré\u00a0: «\u00a0Ce projet verra le jour en 2027\u00a0».",
           "Où est la boîte à lettres la plus proche\u00a0?"],
    "pt": ["A reunião começa às nove horas, na sala de conferências.",
           "São Paulo é a maior cidade do Brasil e uma das maiores do mundo.",
           "Não há razão para preocupação, disse o ministro da Saúde."],
    "es": ["El niño pidió un café con leche y una tostada.",
           "¿Cuántos años tenía tu abuela cuando llegó a España?",
           "La exposición se inaugurará el próximo miércoles."],
    "it": ["Perché la città è così affollata il venerdì sera?",
           "Il governo ha approvato la legge sulla sanità pubblica."],
    "ca": ["L’Ajuntament ha aprovat el pressupost per a l’any vinent.",
           "La situació econòmica millorarà després de l’estiu."],
    "de": ["Die Straße war nach dem Gewitter völlig überflutet.",
           "Größere Städte müssen ihre Verkehrsplanung überdenken.",
           "„Wir schaffen das“, sagte die Bürgermeisterin."],
    "nl": ["De coördinatie van het project was uitstekend geregeld.",
           "Hij zei: ‘Ik kom morgen terug’, maar hij kwam niet."],
    "da": ["Børnene legede i haven, mens det regnede på taget.",
           "Kødet skal steges i få minutter på hver side."],
    "no": ["Vi må få til et bedre samarbeid på tvers av fylkene.",
           "Været i Tromsø var kaldt og blåsende hele uken."],
    "sv": ["Många människor väntade på tåget till Göteborg.",
           "Förslaget får stöd av en majoritet i riksdagen."],
    "is": ["Það var kalt í veðri þegar við komum til Reykjavíkur.",
           "Ég hef aldrei séð jafn fallegt norðurljós."],
    "fi": ["Hän kävi kaupassa ja osti leipää ja maitoa.",
           "Sää on tänään pilvinen, mutta lämmin."],
    "et": ["Õhtul läksime jõe äärde jalutama.",
           "Tänavu on suvi olnud väga päikeseline."],
    "pl": ["Zażółć gęślą jaźń to znane zdanie z polskimi znakami.",
           "Wczoraj w Łodzi odbyło się spotkanie mieszkańców."],
    "cs": ["Příliš žluťoučký kůň úpěl ďábelské ódy.",
           "Včera jsme byli v divadle na nové hře."],
    "sk": ["Ďalšie stretnutie sa uskutoční v piatok v Košiciach.",
           "Vláda schválila nový zákon o školstve."],
    "hu": ["Az árvíztűrő tükörfúrógép egy ismert magyar mondat.",
           "Tegnap esett az eső, ma süt a nap."],
    "ro": ["Școala și-a deschis porțile pentru elevii din țară.",
           "Mâine vom merge la munte, dacă vremea ține."],
    "tr": ["Çocuklar bahçede oynarken yağmur başladı.",
           "İstanbul’daki toplantı ertelendi, açıklama yarın yapılacak."],
    "hr": ["Ćevapi su omiljeno jelo u mnogim krajevima.",
           "Đaci su se okupili ispred škole u šest sati."],
    "sl": ["Čez reko je bil zgrajen nov most.",
           "Življenje na vasi je mirnejše kot v mestu."],
    "lt": ["Ąžuolas augo prie upės kranto šimtą metų.",
           "Šiandien lyja, bet rytoj bus saulėta."],
    "lv": ["Rīgā šodien notiks koncerts pilsētas laukumā.",
           "Ģimene devās ciemos pie vecmāmiņas."],
    "vi": ["Hôm nay trời đẹp, chúng tôi đi dạo trong công viên.",
           "Người dân địa phương rất thân thiện và hiếu khách."],
    "eo": ["Ĉiuĵaŭde ni renkontiĝas en la ĝardeno.",
           "La ŝipo forveturis antaŭ la sunleviĝo."],
    "cy": ["Mae’r tywydd yn braf heddiw ym Mhwllheli.",
           "Bydd y cyngerdd yn dechrau am saith o’r gloch."],
    "yo": ["Ọjọ́ náà dára púpọ̀ fún ìrìn àjò.",
           "Àwọn ọmọ ilé ìwé ń kọ́ èdè Yorùbá."],
    "el": ["Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
           "Το πρωί πήγαμε στη θάλασσα για κολύμπι."],
    "ru": ["Москва — столица России и крупнейший город страны.",
           "Вчера в Санкт-Петербурге прошёл сильный дождь.",
           "«Мы готовы к переговорам», — заявил министр."],
    "uk": ["Київ є столицею України з давніх часів.",
           "Вчора ввечері ми гуляли біля річки."],
    "bg": ["София е най-големият град в България.",
           "Утре ще вали сняг в планините."],
    "sr": ["Београд лежи на ушћу Саве у Дунав.",
           "Ђаци су се окупили испред школе."],
    "kk": ["Қазақстанның астанасы Астана қаласы.",
           "Бүгін ауа райы жылы әрі ашық."],
    "hy": ["Երևանը Հայաստանի մայրաքաղաքն է։",
           "Այսօր եղանակը շատ լավ է։"],
    "ka": ["თბილისი საქართველოს დედაქალაქია.",
           "დღეს ამინდი ძალიან კარგია."],
    "he": ["ירושלים היא עיר עתיקה וחשובה.",
           "היום מזג האוויר נעים מאוד."],
    "ar": ["القاهرة هي عاصمة مصر وأكبر مدنها.",
           "ذهبنا إلى السوق صباح اليوم، واشترينا الخضار."],
    "fa": ["تهران پایتخت ایران است.",
           "امروز هوا بسیار خوب است، می‌خواهیم به پارک برویم."],
    "hi": ["दिल्ली भारत की राजधानी है।",
           "आज मौसम बहुत अच्छा है।"],
    "bn": ["ঢাকা বাংলাদেশের রাজধানী।",
           "আজ আকাশ পরিষ্কার।"],
    "ta": ["சென்னை தமிழ்நாட்டின் தலைநகரம்.",
           "இன்று வானிலை நன்றாக உள்ளது."],
    "th": ["กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย",
           "วันนี้อากาศดีมาก"],
    "zh": ["北京是中国的首都，也是一座历史悠久的城市。",
           "今天天气很好，我们去公园散步吧。"],
    "ja": ["東京は日本の首都です。",
           "今日はとても良い天気ですね。"],
    "ko": ["서울은 대한민국의 수도입니다.",
           "오늘 날씨가 정말 좋네요."],
    "en": ["The committee’s report — published on Monday — runs to 240 pages.",
           "She paid €12.50 for the tickets, about £10.",
           "Temperatures reached 35 °C, and the café stayed open until 11 p.m."],
}

# Hard negatives written for this project: clean text that looks like mojibake to a
# byte-pattern detector. None may be changed by the repair, none may be flagged by the
# detector as mojibake left behind.
HARD_NEGATIVES: list[str] = [
    # all-caps headlines (Portuguese, Romanian, French, German, Turkish, Hungarian, Nordic)
    "CÂMARA APROVA REFORMA DA PREVIDÊNCIA EM SÃO PAULO",
    "GOVERNO DE MINAS GERAIS ANUNCIA NOVAS MEDIDAS PARA A SAÚDE E A EDUCAÇÃO",
    "NÃO HÁ ACORDO ENTRE OS PARTIDOS, DIZ O PRESIDENTE DA CÂMARA",
    "ROMÂNIA ÎN TOPUL ȚĂRILOR CU CREȘTERE ECONOMICĂ",
    "ÎNVĂȚĂMÂNTUL ROMÂNESC ÎNTRE TRADIȚIE ȘI REFORMĂ",
    "LA FRANCE ÉLIMINÉE DÈS LE PREMIER TOUR : « UNE DÉCEPTION »",
    "CHÂTEAU DE VERSAILLES : LA GALERIE DES GLACES RESTAURÉE",
    "GRÖSSTE STÄDTE ÖSTERREICHS: WIEN VOR GRAZ UND LINZ",
    "ÜBERRASCHUNG IM FINALE: MÜNCHEN VERLIERT GEGEN KÖLN",
    "TÜRKİYE’DE SEÇİM SONUÇLARI AÇIKLANDI",
    "İSTANBUL’DA ŞİDDETLİ YAĞMUR: ÇOK SAYIDA EV SU ALTINDA",
    "ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP ÉS MÁS MAGYAR SZAVAK",
    "SELKÄ JA JALAT KUNTOON – ÄLÄ UNOHDA VENYTTELYÄ",
    "ØSTERBRO OG NØRREBRO FÅR NYE CYKELSTIER",
    "ΑΘΗΝΑ: ΝΕΑ ΜΕΤΡΑ ΓΙΑ ΤΗΝ ΚΥΚΛΟΦΟΡΙΑ ΣΤΟ ΚΕΝΤΡΟ",
    "МОСКВА: В ГОРОДЕ ОТКРЫЛИ НОВУЮ СТАНЦИЮ МЕТРО",
    "ВІКІПЕДІЯ УКРАЇНСЬКОЮ МОВОЮ: ПІДСУМКИ РОКУ",
    "ЂУРЂЕВДАН У СРБИЈИ: ОБИЧАЈИ И ВЕРОВАЊА",
    "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ҮКІМЕТІ",
    # capitals next to a no-break space (all-caps words, French typography, units)
    "A IRMÃ\u00a0DO PRESIDENTE E O IRMÃO DELA",
    "É\u00a0PRECISO CORAGEM",
    "ÉTÉ\u00a02024 : LE BILAN",
    "SELKÄ\u00a0EDELLÄ\u00a0MAAHAN",
    "PARIS\u00a0– L’ÉLYSÉE A CONFIRMÉ LA NOUVELLE",
    "JOÃO\u00a0PESSOA E SÃO\u00a0LUÍS",
    "TÜRKÇE\u00a0VE DİĞER DİLLER",
    "ROMÂ\u00a0NIA",
    "Prix\u00a0: 12\u00a0€ — «\u00a0Offre spéciale\u00a0»",
    "Il y a 3\u202f000 habitants à Saint\u2011Émilion.",
    # text that quotes mojibake on purpose
    "Se você vê “Ã§” em vez de “ç”, o arquivo está com a codificação errada.",
    "Wenn statt „ü“ die Zeichen „Ã¼“ erscheinen, wurde UTF-8 als Latin-1 gelesen.",
    "Si vous voyez « Ã© » à la place de « é », le fichier est mal décodé.",
    "Mojibake turns “é” into “Ã©” and “’” into “â€™”: that is UTF‑8 read as Windows‑1252.",
    "Если вместо «привет» вы видите «РїСЂРёРІРµС‚», кодировка выбрана неверно.",
    # symbols, math, kaomoji, box drawing, old alphabets
    "√π ≈ 1.772, and ∆° is the change in temperature; ±0.5 µm.",
    "(╯°□°）╯︵ ┻━┻ and ¯\\_(ツ)_/¯",
    "┌──┐ │ok│ └──┘",
    "Þá sagði Ásdís: „Ég er þreytt.“ Ðoð ok æ.",
    "Hwæt! We Gardena in geardagum þeodcyninga þrym gefrunon.",
    "×÷ ¼ ½ ¾ ° ± ² ³ µ ¶ · ¹ º » « ¿ ¡ § ¬",
    "DRÅBER, Ångström and Århus: Å is a letter, not a lead byte.",
    "Price: 5×£35, 10×€20 and 3×¥500.",
    "Ligatures: ﬁnance, ﬂow; full width: ＡＢＣ; NFD: e\u0301te\u0301.",
    "Emoji: 👍🏽 👨‍👩‍👧 🇵🇹 🏳️‍🌈",
    "Ukrainian capitals РІ and Serbian УЈ are not mojibake: РІК, УЈЕДИЊЕНИ.",
    "Line one\r\nLine two with “quotes”\r\n",
]


# A second set, written in round 10 before it was run (68 of 73 kept): all-caps words beside
# a no-break space in Portuguese, Romanian, German and Nordic languages, Vietnamese and
# Catalan, text about encoding errors, code, paths and URLs, typography, and quotation marks
# of 20 scripts. Left out, as they are changed (and by ftfy too): five texts that show
# mojibake WITHOUT quotation marks ("Ã© instead of é", "printing as JosÃ©", a lone "â€™"
# described in words). Telling them from a half-repaired line ("non Ã¨ difficile,
# difficile è") needs more than the line: see benchmarks/RESULTS-mojibake.md, round 10.
_N = "\u00a0"
HARD_NEGATIVES_ROUND10: list[str] = [
    # all caps + NBSP next to Â / Ã / Ä / Å / Ö and friends
    f"SÃO{_N}TOMÉ E PRÍNCIPE VOTA HOJE", f"MÃE{_N}E FILHA RESGATADAS NO RIO", f"CÂMPINA{_N}ȘI PLOIEȘTI SUB COD GALBEN",
    f"BRÂNZA{_N}DE BURDUF, LA PREȚ RECORD", f"ÂNCORA{_N}DO NAVIO FOI RECUPERADA", f"ÄLTERE{_N}MENSCHEN ZAHLEN MEHR",
    f"ÄRZTE{_N}STREIKEN IN BAYERN", f"HÄMEENLINNA{_N}JA LAHTI", f"ÅLAND{_N}OCH GOTLAND", f"ÖREBRO{_N}VANN SERIEN",
    f"ÖSTERREICH{_N}– SCHWEIZ 2:1", f"CAFÉ{_N}À{_N}PARIS", f"À{_N}VENDRE : MAISON", f"ÇA{_N}VA MIEUX",
    f"ÉCOLES FERMÉES À{_N}LILLE", f"ÃO{_N}", f"VOCÊ{_N}ESTÁ{_N}AQUI",
    f"IRMÃ{_N}DULCE", f"ÁGUA{_N}É{_N}VIDA", f"PÃO{_N}DE AÇÚCAR", f"MAÇÃ{_N}VERDE",
    # Vietnamese, Catalan, Icelandic, Romanian, Turkish capitals and mixed case
    "ĐÀ NẴNG ĐÓN KHÁCH QUỐC TẾ TRỞ LẠI", "Hà Nội: giá vàng tăng mạnh trong phiên sáng", "L’AJUNTAMENT DE GIRONA APROVA ELS PRESSUPOSTOS",
    "La plaça s’omplirà de parades a l’estiu", "ÞÓRSHÖFN OG ÍSAFJÖRÐUR", "ÎN ȚARĂ, ÎNCĂ O ZI CĂLDUROASĂ",
    "ŞANLIURFA’DA ÜNİVERSİTE SINAVI", "Â, Ê, Î, Ô, Û: les accents circonflexes", "Ã, Õ e Ñ: til em três línguas",
    # text quoting mojibake on purpose, with and without quotation marks
    "Im Betreff stand „FÃ¼r Sie“ statt „Für Sie“.",
    "El sistema mostraba «Ã±» en lugar de «ñ».",
    "Кодировка: «Ð¿Ñ€Ð¸Ð²ÐµÑ‚» — это «привет», прочитанный как Latin-1.",
    # code, escapes, paths, identifiers
    "print('caf\\xc3\\xa9'.encode('latin-1').decode('utf-8'))",
    "C:\\Users\\José\\Documents\\Relatório Final.docx",
    "https://example.org/search?q=S%C3%A3o+Paulo&lang=pt",
    "SELECT nome FROM clientes WHERE cidade = 'São Paulo';",
    "regex: [À-ÖØ-öø-ÿ]+ matches Latin-1 letters",
    "UTF-8 bytes of é are C3 A9; of € they are E2 82 AC.",
    # symbols and typography
    "Temperatur: −5 °C bis +3 °C, Wind 20–30 km/h",
    "Preis: 1.299,– € inkl. MwSt.", "Score: 3–1 (½-time 1–0)", "Ratio 4∶3 and 16∶9",
    "Copyright © 2026 – All rights reserved ®™", "§ 12 Abs. 3 Satz 2 BGB",
    "±2 σ covers ≈95 % of cases", "Ⅻ o’clock; № 7; ℃; ‰",
    "He said: ‚Hallo‘ – und ging.", "‹Bonjour› et «\u00a0merci\u00a0»",
    "Café • Bar • Restaurant", "Jäger·Innen und Ärzt*innen",
    # other scripts next to Latin-1 looking letters
    "Ελλάδα – Ολυμπιακός 2–0", "Україна: «Ми готові»", "Беларусь і Ўсход",
    "日本語のテキスト（全角括弧）と“引用”", "한국어 — “따옴표” 테스트", "עברית: “ציטוט” – מקף",
    "العربية: «اقتباس» — شرطة", "हिन्दी में “उद्धरण” चिह्न", "ภาษาไทย “อัญประกาศ”",
    "Polski: „cudzysłów” – myślnik; Łódź, Żółć", "Čeština: „uvozovky“ – Říjen, Ůl",
    "Eesti: „jutumärgid“ – Õhtu, Ümber", "Lietuvių: „kabutės“ – Ąžuolas, Ėglė",
    "Latviešu: “pēdiņas” – Ķekava, Ģirts", "Malti: Għawdex u Ħal Qormi, “kwotazzjoni”",
    # Mac / Windows legacy characters that are fine
    "Apple ⌘ and ⌥ keys; the  logo", "Bullets: ▪ ▫ ◦ ‣ ⁃",
]


# --------------------------------------------------------------------------- garbling

def as_cp1252(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, WHATWG style (undefined bytes -> C1 controls)."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


def as_latin1(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def as_cp1251(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1251")


def as_mac_roman(text: str) -> str:
    return text.encode("utf-8").decode("mac_roman")


def double_cp1252(text: str) -> str:
    return as_cp1252(as_cp1252(text))


def nbsp_lost_space(text: str) -> str:
    """cp1252 mojibake, then every NBSP becomes a space ("Ã " for "à")."""
    return as_cp1252(text).replace("\u00a0", " ")


def html_entities(text: str) -> str:
    """Every non-ASCII character (and & < >) as a named or numeric entity."""
    out = []
    for char in text:
        if char in "&<>" or ord(char) > 127:
            name = html.entities.codepoint2name.get(ord(char))
            out.append(f"&{name};" if name else f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def html_entities_after_lt(text: str) -> tuple[str, str]:
    """Entities on a line after a line that holds a literal "<": (garbled, clean)."""
    return "x < y\n" + html_entities(text), "x < y\n" + text


def cp1252_as_c1(text: str) -> str:
    """cp1252 punctuation bytes read as Latin-1 (“ -> \\x93)."""
    return "".join(
        char.encode("cp1252").decode("latin-1") if char in "“”‘’–—…€™" else char for char in text
    )


def mixed_line(text: str) -> str:
    """The second half of the words garbled, the first half clean."""
    words = text.split(" ")
    half = len(words) // 2
    return " ".join(words[:half] + [as_cp1252(" ".join(words[half:]))])


def lossy_cp1252(text: str) -> str:
    """cp1252 decode with errors="replace": the bytes cp1252 leaves undefined (the last
    byte of ” among them) become U+FFFD."""
    return text.encode("utf-8").decode("windows-1252", errors="replace")


def nbsp_lost_at_line_end(text: str) -> tuple[str, str]:
    """Each line ends in NBSP; garbled as cp1252, then trailing whitespace is stripped,
    which eats the 0xA0 byte and strands "Â" (or "Ã" of a final "à")."""
    lines = text.split("\n")
    garbled = "\n".join(as_cp1252(line + "\u00a0").rstrip(" \t\u00a0") for line in lines)
    return garbled, "\n".join(line.rstrip(" \t\u00a0") for line in lines)


def partially_fixed(text: str, offset: int = 0) -> str:
    """Each non-ASCII character left clean, garbled once or garbled twice, in turn, starting
    at ``offset`` of that cycle (the corpus's kind starts at 0)."""
    out, k = [], offset
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        out.append((char, as_cp1252(char), double_cp1252(char))[k % 3])
        k += 1
    return "".join(out)


def page_of_lines(rng: random.Random, language_lines: dict[str, list[str]], short_lines: list[str]) -> str:
    """A short generated page: one to three lines of one language, shuffled, with up to two
    short furniture lines ("© 2026", "Home") put among them (the round tests' property pages)."""
    lines = list(language_lines[rng.choice(sorted(language_lines))])
    rng.shuffle(lines)
    lines = lines[: rng.randint(1, 3)]
    for _ in range(rng.randint(0, 2)):
        lines.insert(rng.randint(0, len(lines)), rng.choice(short_lines))
    return "\n".join(lines)


def ours_where_ftfy_alone_is_right(garbled: str, clean: str) -> str | None:
    """Our repair of `garbled` when it misses `clean` and ftfy (the corpus config) gets it
    right; None otherwise. The issue's "never worse than ftfy where ftfy is right".

    >>> ours_where_ftfy_alone_is_right("cafÃ©", "café") is None
    True
    """
    from corpus_clean.mojibake import DATATROVE_FTFY_CONFIG, repair

    ours = repair(garbled)[0]
    theirs = ftfy.fix_text(garbled, config=DATATROVE_FTFY_CONFIG)
    return ours if theirs == clean and ours != clean else None


def sample_pages(sentences: list[str], seed: int, count: int) -> list[str]:
    """`count` pages of 1-3 of `sentences` each, drawn with `seed`: the round tests'
    generated pages (the same seed gives the same pages).

    >>> sample_pages(["A.", "B."], 0, 2) == sample_pages(["A.", "B."], 0, 2)
    True
    """
    rnd = random.Random(seed)
    return ["\n".join(rnd.sample(sentences, rnd.randint(1, 3))) for _ in range(count)]


def kinds_where_ftfy_alone_is_right(text: str) -> list[str]:
    """The kinds (all but lossy-fffd) that garble ``text`` into something ftfy (the
    corpus config) repairs and we do not: the property the round tests check over
    generated pages.

    >>> kinds_where_ftfy_alone_is_right("café")
    []
    """
    wrong = []
    for kind in list(GARBLINGS) + list(OTHER_CODEC_GARBLINGS):
        if kind == "lossy-fffd":
            continue
        garbled, clean = garble(kind, text)
        if garbled != clean and ours_where_ftfy_alone_is_right(garbled, clean) is not None:
            wrong.append(kind)
    return wrong


def repaired(kind: str, text: str) -> tuple[str, str]:
    """(our repair of ``text`` garbled the ``kind`` way, the clean text): the round tests'
    check that a garbling comes back.

    >>> repaired("utf8-as-cp1252", "café")
    ('café', 'café')
    """
    from corpus_clean.mojibake import repair

    garbled, clean = garble(kind, text)
    return repair(garbled)[0], clean


def garble(kind: str, text: str) -> tuple[str, str]:
    """(garbled, clean) for one of the GARBLINGS or OTHER_CODEC_GARBLINGS kinds."""
    result = (GARBLINGS.get(kind) or OTHER_CODEC_GARBLINGS[kind])(text)
    return result if isinstance(result, tuple) else (result, text)


GARBLINGS = {
    "utf8-as-cp1252": as_cp1252,
    "utf8-as-latin1": as_latin1,
    "double-encoded": double_cp1252,
    "nbsp-lost-space": nbsp_lost_space,
    "html-entities": html_entities,
    "html-entities-lt": html_entities_after_lt,
    "c1-controls": cp1252_as_c1,
    "cp1251": as_cp1251,
    "mac-roman": as_mac_roman,
    "mixed-line": mixed_line,
    "lossy-fffd": lossy_cp1252,
    "nbsp-lost-eol": nbsp_lost_at_line_end,
    "partially-fixed": partially_fixed,
}


def _read_as(codec: str):
    """UTF-8 bytes read whole through one single-byte codec (undefined bytes as the C1
    control of the same number, as browsers do)."""
    return lambda text: text.encode("utf-8").decode(codec)


# UTF-8 read through the other single-byte codecs ftfy re-decodes from: rarer on the web
# than cp1252, cp1251 and Mac Roman, so not among the bench's kinds; measured apart
# (benchmarks/mojibake_news_pages.py --other-codecs, tests/test_mojibake_round15.py).
OTHER_CODEC_GARBLINGS = {
    "utf8-as-cp1250": _read_as("sloppy-windows-1250"),
    "utf8-as-iso-8859-2": _read_as("iso-8859-2"),
    "utf8-as-cp1253": _read_as("sloppy-windows-1253"),
    "utf8-as-cp1254": _read_as("sloppy-windows-1254"),
    "utf8-as-cp1257": _read_as("sloppy-windows-1257"),
    "utf8-as-cp437": _read_as("cp437"),
}


# --------------------------------------------------------------------------- clean text

# The letters of a few alphabets as languages write them every day (pseudo-words from all
# of a Unicode block would mix in letters no language puts together: "Рј", "ЀРЊ").
ALPHABETS = {
    # (no "ÿ": its capital "Ÿ" after "Î" forms the UTF-8 bytes CE 9F, a bigram no language
    # writes but random pseudo-words would)
    "latin": "abcdefghijklmnopqrstuvwxyz" * 8 + "àáâãäåæçèéêëìíîïñòóôõöøùúûüýßœšžčćđłńśźżăâîșțğışőűåø",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    "armenian": "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
}


def generated_sentences(rng: random.Random, n: int) -> list[str]:
    """Pseudo-words of 2 to 9 letters from four alphabets (Latin, about one letter in
    five with a diacritic; Greek; Cyrillic; Armenian): text no dictionary knows, so no rule
    can lean on known words."""
    out = []
    for _ in range(n):
        letters = ALPHABETS[rng.choice(list(ALPHABETS))]
        words = []
        for _ in range(rng.randint(3, 10)):
            word = "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
            words.append(word.capitalize() if rng.random() < 0.2 else word)
        out.append(" ".join(words) + rng.choice([".", "!", "?", ":", ","]))
    return out


def clean_documents(rng: random.Random, n: int) -> list[str]:
    """Documents of one to three sentences: the written ones, in capitals now and then,
    with NBSP or curly quotes now and then, plus generated pseudo-words."""
    pool = [s for sentences in SENTENCES.values() for s in sentences]
    generated = generated_sentences(rng, max(n // 4, 1))
    docs = []
    for i in range(n):
        k = rng.randint(1, 3)
        picked = [rng.choice(pool) for _ in range(k)] if i % 4 else [rng.choice(generated) for _ in range(k)]
        doc = rng.choice([" ", "\n"]).join(picked)
        roll = rng.random()
        if roll < 0.15:
            doc = doc.upper()
        elif roll < 0.25:
            doc = doc.replace(" ", "\u00a0", 2)
        docs.append(doc)
    return docs


# --------------------------------------------------------------------------- differential

# Our repairs that ftfy (corpus config) does not make; each has tests (NAMED_KIND_TESTS in
# tests/test_mojibake_differential.py). A disagreement with ftfy must be one of these, or
# it is a bug. Where both are wrong, ours must be the closer one to count as a kind.
NAMED_KINDS = {
    "html_entity_per_line": "entities decoded on a line after a '<' (ftfy's 'auto' stops at the first '<')",
    "nbsp_lost_eol": "Â/Ã stranded at a line end: the 0xA0 lost with trailing whitespace",
    "nbsp_lost_space": "0xA0 turned into a space before punctuation or in a document that shows it",
    "lossy_quote": "â€� after an open “ restored as ”",
    "c1_as_mac_roman": "C1 controls inside words, one of them no cp1252 sign a word holds: single-byte Mac Roman",
    "span_redecode": "garbled spans ftfy leaves (mixed lines, half-fixed double encoding, cp1251/Mac Roman Latin)",
    "other_codec": "a line read whole through cp1250, ISO-8859-2, cp1253, cp1254, cp1257 or cp437 that ftfy leaves",
    "clean_text_guard": "clean text ftfy would change (all-caps word before NBSP, 5×£35, quoted mojibake)",
}
BUG_KINDS = ("bug: ftfy right, ours wrong", "bug: ours changes clean text", "bug: both wrong, differently")

_ENTITY_LEFT_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_C1_CHAR_RE = re.compile("[\x80-\x9f]")


def classify_disagreement(garbled: str, clean: str, ours: str, theirs: str, fixes: dict) -> str | None:
    """Why ours and ftfy differ on one case: None if they agree, else a NAMED_KINDS key
    (ours right, ftfy wrong, or ftfy changes clean text ours keeps) or a BUG_KINDS entry."""
    if ours == theirs:
        return None
    if theirs == clean:
        return "bug: ours changes clean text" if garbled == clean else "bug: ftfy right, ours wrong"
    if ours != clean:
        if garbled == clean:
            return "bug: ours changes clean text"
        if _similarity(ours, clean) <= _similarity(theirs, clean):
            return "bug: both wrong, differently"
    if garbled == clean:
        return "clean_text_guard"
    if _ENTITY_LEFT_RE.search(theirs) and fixes.get("html_entity"):
        return "html_entity_per_line"
    if fixes.get("mac_roman") and _C1_CHAR_RE.search(garbled):
        return "c1_as_mac_roman"
    if fixes.get("other_codec"):
        return "other_codec"
    for kind, name in (("nbsp_lost_eol", "nbsp_lost_eol"), ("nbsp_lost_space", "nbsp_lost_space"), ("lossy_fffd", "lossy_quote")):
        if fixes.get(kind):
            return name
    return "span_redecode"


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
