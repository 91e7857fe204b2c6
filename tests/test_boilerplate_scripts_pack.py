"""Page furniture in other scripts goes by each language's own words for it, and a press
release's closing boilerplate goes to the end; story sentences holding the same words
stay (rule packs only, issue 11, tenth round). Our own text."""
from __future__ import annotations

import pytest

from corpus_clean.boilerplate.engine import strip

STORY = {
    "ja": ["京都市交通局は、観光地を結ぶ急行バスを来年4月から1日あたり40便増やすと発表した。",
           "市バスは観光客で混雑し、地元の住民が乗れない状態が続いていた。"],
    "zh": ["成都市轨道交通集团3日宣布，地铁新增的三条线路将于12月28日同时开通运营。",
           "三条线路总长约85公里，设车站52座，开通后成都地铁运营里程将超过700公里。"],
    "ko": ["부산 해운대구는 이달부터 해운대 해수욕장 백사장에 야간 조명을 켜고 산책로를 밤 11시까지 운영한다고 3일 밝혔다.",
           "구는 겨울철에도 해변을 찾는 관광객이 늘어나자 안전을 위해 조명을 설치했다고 설명했다."],
    "ar": ["افتتحت الحكومة اليوم الأربعاء أكبر محطة لتحلية مياه البحر في شمال أفريقيا بطاقة مليون متر مكعب يوميا.",
           "وقال وزير الموارد المائية إن المحطة ستوفر مياه الشرب لنحو أربعة ملايين نسمة في المدن الساحلية."],
    "he": ["משרד התחבורה אישר היום את תוכנית הרכבת הקלה שתחבר בין חיפה לנצרת, באורך של כארבעים קילומטרים.",
           "הקו צפוי לשרת כמאה אלף נוסעים ביום ולקצר את זמן הנסיעה בין הערים לכארבעים וחמש דקות."],
    "hi": ["जयपुर में बुधवार से पहली इलेक्ट्रिक बस सेवा शुरू हो गई। पहले चरण में शहर के चार मार्गों पर पचास बसें चलेंगी।",
           "परिवहन मंत्री ने बताया कि अगले साल तक बसों की संख्या बढ़ाकर दो सौ की जाएगी।"],
    "th": ["กรุงเทพมหานครเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำเจ้าพระยา พื้นที่กว่า 20 ไร่ ให้ประชาชนเข้าใช้บริการได้ตั้งแต่วันนี้",
           "สวนแห่งนี้มีทางเดิน ทางจักรยาน และลานกิจกรรมสำหรับเด็ก เปิดให้บริการทุกวัน"],
    "el": ["Το δημοτικό συμβούλιο ενέκρινε την Τρίτη την ανακαίνιση της παλιάς γέφυρας του λιμανιού, που θα διαρκέσει δύο χρόνια.",
           "Οι οδηγοί θα χρησιμοποιούν τον παραλιακό δρόμο όσο διαρκούν τα έργα, είπε ο δήμαρχος."],
    "ru": ["Городской совет во вторник одобрил ремонт старого моста через реку, который продлится два года.",
           "На время работ водители будут ездить по прибрежной дороге, сообщил мэр города."],
}


def _rules_cut(lang: str, tail: list[str], head: tuple[str, ...] = ()) -> set[str]:
    text = "\n".join([*head, *STORY[lang], *tail]) + "\n"
    kept = set(strip(text, use_classifier=False)[0].splitlines())
    return {line for line in [*head, *tail] if line not in kept}


@pytest.mark.parametrize("lang,label", [
    ("ja", "関連記事"), ("ja", "おすすめ記事"), ("ja", "あわせて読みたい"), ("zh", "相关新闻"), ("zh", "延伸阅读"),
    ("zh", "相關新聞"), ("ko", "관련기사"), ("ko", "많이 본 뉴스"), ("ar", "اقرأ أيضا"), ("ar", "الأكثر قراءة"),
    ("he", "כתבות נוספות"), ("he", "הכי נקראים"), ("hi", "ये भी पढ़ें"), ("hi", "संबंधित खबरें"),
    ("th", "ข่าวที่เกี่ยวข้อง"), ("th", "อ่านเพิ่มเติม"), ("el", "Διαβάστε επίσης"), ("ru", "Самое читаемое"),
])
def test_a_related_label_goes(lang, label):
    assert _rules_cut(lang, [label]) == {label}


@pytest.mark.parametrize("lang,button", [
    ("ja", "シェア"), ("ja", "この記事をシェア"), ("zh", "分享到："), ("ko", "공유하기"), ("ar", "شارك"),
    ("he", "שתפו"), ("hi", "शेयर करें"), ("th", "แชร์"), ("el", "Κοινοποίηση"), ("ru", "Поделиться"),
])
def test_a_share_button_goes(lang, button):
    assert _rules_cut(lang, [], head=(button,)) == {button}


@pytest.mark.parametrize("lang,notice", [
    ("zh", "版权所有 © 2026 西南日报社 未经授权禁止转载"), ("ja", "記事・写真の無断転載を禁じます。京都日日新聞社"),
    ("ko", "부산일보사의 모든 기사는 무단전재 및 재배포 금지."), ("ar", "جميع الحقوق محفوظة لصحيفة النيل 2026"),
    ("he", "כל הזכויות שמורות לחדשות הצפון"), ("hi", "कॉपीराइट © 2026 राजस्थान समाचार. सर्वाधिकार सुरक्षित."),
    ("th", "ข่าวเจ้าพระยา สงวนลิขสิทธิ์ 2569"), ("ru", "Все права защищены. Спорт-Экспресс Север, 2026"),
])
def test_a_rights_notice_goes(lang, notice):
    assert _rules_cut(lang, [notice]) == {notice}


@pytest.mark.parametrize("lang,caption", [
    ("zh", "图为地铁19号线二期列车。"), ("zh", "圖為新開通的捷運列車"), ("ko", "해운대 해수욕장의 야간 조명 모습."),
    ("ko", "부산시청 앞 광장에 성탄 트리가 세워졌다. (사진=부산시)"), ("ar", "صورة أرشيفية لمحطة تحلية المياه"),
    ("ja", "写真は清水寺周辺で混雑する市バス"),
])
def test_a_photo_caption_mark_goes(lang, caption):
    text = "\n".join([STORY[lang][0], caption, STORY[lang][1]]) + "\n"
    assert caption not in strip(text, use_classifier=False)[0].splitlines()


@pytest.mark.parametrize("lang,sentence", [
    ("zh", "市民可以在相关新闻发布会上了解线路的详细信息，运营方表示将分享更多数据。"),
    ("ko", "구는 달라진 해변의 모습을 관광객들에게 보여주겠다고 설명했다."),
    ("ar", "وقال الوزير إن صورة المشروع أصبحت أوضح بعد اكتمال المرحلة الأولى."),
    ("hi", "मंत्री ने कहा कि यात्री ये भी पढ़ें कि नई बसों में किराया कितना है।"),
    ("ru", "Мэр поделиться планами отказался, но обещал рассказать о них в январе."),
    ("he", "העירייה ביקשה מהתושבים לשתף את דעתם על התוכנית עד סוף החודש."),
])
def test_story_sentences_with_the_same_words_stay(lang, sentence):
    assert _rules_cut(lang, [sentence]) == set()


RELEASE = [
    "DAYTON, Ohio, Dec. 3, 2026 /PRWire/ -- Northwind Robotics today opened an assembly plant in Dayton that will employ 250 people.",
    "The plant will build the company's autonomous pallet movers, which are used by grocery and parts distributors.",
    '"Dayton has the skilled workforce and the supply chain we need," said Priya Raman, the chief operating officer.',
]


@pytest.mark.parametrize("heading", ["About Northwind Robotics", "ABOUT NORTHWIND ROBOTICS", "Über Northwind Robotics GmbH",
                                     "À propos de Northwind", "Acerca de Northwind Robotics", "Om Northwind AB",
                                     "Forward-Looking Statements", "Media Contact:"])
def test_a_press_release_s_closing_boilerplate_goes_to_the_end(heading):
    tail = [heading, "Founded in 2016, the company designs autonomous mobile robots for warehouses in 14 countries.",
            "Contact: Lee Morgan, media@northwind.example", "SOURCE Northwind Robotics"]
    kept = strip("\n".join(RELEASE + tail) + "\n", use_classifier=False)[0]
    assert all(line in kept for line in RELEASE)
    assert not any(line in kept for line in tail)


def test_an_about_heading_high_on_the_page_or_over_the_story_stays():
    # (over more paragraphs than stand above it: a section of the story, not the issuer's box)
    lines = [RELEASE[0], "About Northwind Robotics", *RELEASE[1:], *RELEASE[1:]]
    kept = strip("\n".join(lines) + "\n", use_classifier=False)[0]
    assert all(line in kept for line in RELEASE)
