"""Name alignment: named cases of spellings that must align, and names that must not."""

from __future__ import annotations

import pytest

from watchline.names.analysis import NamePart, analyze_name, arabic_vowel_key
from watchline.names.compare import (
    FORMANT_SIMILARITY,
    MIN_PART_SIMILARITY,
    NICKNAME_SIMILARITY,
    compare_names,
    gendered_forms,
    part_similarity,
    same_father,
)

SAME = [
    ("cyrillic-latin-dropped-patronymic", "PLOTNIKOV, Vladimir", "Владимир Николаевич ПЛОТНИКОВ"),
    ("tajik-russian-passport", "Dzhamshed Rakhmonov", "Ҷамшед Раҳмонов"),
    ("tajik-zoda-zade", "Jamshed Rahmonzade", "Ҷамшед Раҳмонзода"),
    ("uzbek-oʻ", "Utkir Gulomov", "O‘tkir G‘ulomov"),
    ("azeri-schwa", "Ilham Aliev", "İlham Əliyev"),
    ("azeri-russian-style", "Ильхам Алиев", "Ilham Aliyev"),
    ("georgian", "Mikheil Saakashvili", "მიხეილ სააკაშვილი"),
    ("arabic-script-vs-latin", "Abu Musab al-Zarqawi", "أبو مصعب الزرقاوي"),
    ("abd-compound-spacing", "Abdulrahman", "Abd al-Rahman"),
    ("abd-compound-russian", "Abdurakhman", "Abd al-Rahman"),
    ("abd-compound-tajik", "Abdurahmon", "عبد الرحمن"),
    ("muhammad-family", "Magomed Gusein", "Muhammad Husayn"),
    ("mukhammad", "Mukhammad Abdurakhmonov", "Muhammad Abdurahmonov"),
    ("gendered-surname", "Olga Ivanova", "Olga Ivanov"),
    ("ukrainian-kmu-vs-russian", "Oleksandr Zghurskyi", "Олександр Згурський"),
    ("word-order-caps", "SALEK ABDULHAI", "Abdulhai Salek"),
    ("typo", "Abdulhai Salak", "Abdulhai Salek"),
    ("kunya-joined", "Abubakr al-Baghdadi", "Abu Bakr al-Baghdadi"),
    # ض ذ ظ as z and ث as s, as Persian, Urdu and Turkic names read them (OFAC / UN).
    ("persianate-dad", "FAZAL RAHIM", "فضل رحيم"),
    ("persianate-tha", "Usman Ghani", "عثمان غني"),
    ("persianate-dhal", "Zakir Hussain", "ذاكر حسين"),
    ("arabic-reading-kept", "Ramadan Uthman", "رمضان عثمان"),
    ("glued-particle-and-a-typo", "Ahmad AL-KIRD", "Ahmad ALKURD"),  # OFAC aliases
    # One letter apart as written, more once folded (French gue as in Gueorgui).
    ("typo-that-folding-moves-apart", "Elena GUESVA", "Elena GUSEVA"),
    ("typo-as-written-ofac", "Jamill HAMEIH", "Jamiel HAMIEH"),  # OFAC aliases
    ("glued-son-of", "Mouhammad BENSAID", "Muhammad ibn Said"),
    ("glued-article-against-arabic-script", "ALHASHIMI Ahmed", "أحمد الهاشمي"),
    ("abd-with-article-apart", "Abdel Rahman El Husseini", "عبد الرحمن الحسيني"),
    ("abdul-apart", "Abdul Rahman", "Abdurrahman"),
    ("al-din-compound", "Sirajuddin Haqqani", "سراج الدین حقانی"),
    ("al-din-compound-uzbek", "Sirojiddin Haqqoniy", "Sirajuddin Haqqani"),
    ("al-din-hyphenated", "Salah ud-Din", "Salahuddin"),
    ("ukrainian-vs-russian-given-name", "Петро Порошенко", "Pyotr Poroshenko"),
    ("ukrainian-vs-russian-female-name", "Олена Коваленко", "Yelena Kovalenko"),
    ("chinese-given-name-joined", "Xu Ying", "Xuying"),
    ("chinese-given-name-joined-reordered", "Li Xiuying", "Xiuying Li"),
    ("arabic-script-z-then-h", "خديجة زهراني", "Khadeeja az-Zahrani"),
    ("arabic-script-s-then-h", "سهيل الزهري", "Suhail al-Zuhri"),
    ("persian-zhe", "ژاله", "Zhaleh"),
    ("allah-compounds", "Hafizollah bin Fazlollah", "Ḥafīẓ Allāh ibn Faḍl Allāh"),
    # Central Asian and West African spellings of the "-ullah" compounds.
    ("allah-compound-russian-kh", "Абдуллах Хашими", "Abdullah al-Hashimi"),
    ("allah-compound-tajik-ullo", "Насрулло Раҳимов", "Nasrullah Rahimov"),
    ("allah-compound-tajik-ulloh", "Абдуллоҳ Шарипов", "Abdulla Sharipov"),
    ("allah-compound-uzbek", "Hikmatulloh Karimov", "Hikmatullah Karimov"),
    ("allah-compound-west-african", "Abdullahi Yusuf", "Abdallah Yusuf"),
    ("allah-compound-abdoulaye", "Abdoulaye Diallo", "Abdullahi Diallo"),
    ("icao-passport-russian", "BELIAEV ILIA", "Беляев Илья Сергеевич"),
    ("icao-vs-bgn", "Iuliia Vasilieva", "Yuliya Vasilyeva"),
    ("german-final-j", "Andrej Sergejewitsch Iwanow", "Andrei Sergeyevich Ivanov"),
    ("french-ou-glide", "Alaoui Djamel", "Jamal Alawi"),
    # Belarusian Latin beside Russian, as OFAC's Belarus entries alias them: ў of -ov
    # and -ovsky as u or w, akanye's a for o, and the Belarusian given names.
    ("belarusian-au-and-aleh", "Uladzimir NAUMAU", "Vladimir NAUMOV"),
    ("belarusian-kou", "Aleksandr Mikhailovich RADKOV", "Aleksandr Mikhailavich RADZKOU"),
    ("belarusian-uski", "Aleh Leanidavich SLIZHEUSKI", "Oleg Leonidovich SLIZHEVSKY"),
    ("belarusian-ihar", "Ihar PLYSHEWSKI", "Igor PLYSHEVSKY"),
    ("belarusian-volha-auna", "Volha Leanidauna KATSUBA", "Olga Leonidovna KATSUBA"),
    ("south-asian-md", "Md Abdul KARIM", "Mohammed Abdul KARIM"),
    ("indonesian-muh", "Muh Sholeh IBRAHIM", "Muhammad Sholeh IBRAHIM"),
    ("burmese-mg", "Khin Mg SWE", "Khin Maung SWE"),
    # OFAC aliases: Somali -illahi, the Sudanese -eldin, the ة of -iyya as -iyeh.
    ("somali-abdillahi", "Abshir ABDILLAHI", "Abshir ABDULLAHI"),
    ("al-din-with-the-article", "Noureddine ADAM", "Nureldine ADAM"),
    ("iyya-as-iyeh", "Ismail HANIYEH", "Ismail HANIYA"),
    ("iyya-as-ieh", "Ismail HANIEH", "Ismail HANIYEH"),
    ("russian-given-name-in-english", "Pyotr BYCHKOV", "Peter BICHKOV"),
    # Short Arabic names whose romanisations differ in e/i, o/u and the diphthong
    # (UN and OFAC aliases).
    ("arabic-vowels-ubaydah", "Abu Ubaydah Yusuf AL-ANABI", "Abou Obeida Youssef Al-Annabi"),
    (
        "arabic-vowels-ayed",
        "Muhsin Fadhil Ayed Ashour AL-FADHLI",
        "Muhsin Fadil Ayid Ashur al Fadhli",
    ),
    ("arabic-diphthong", "Mahmoud SEIF", "Mahmud AL-SAYF"),
    ("azerbaijani-c", "Cəlil Məmmədov", "Джалил Мамадов"),
    ("azerbaijani-c-russian-style", "Cəfər Quliyev", "Dzhafar Kuliyev"),
    # ... and in plain letters, where no ə says the name is Azerbaijani.
    ("azerbaijani-c-plain-letters", "Nicat Haciyev", "Ниджат Гаджиев"),
    ("swapped-letters-short-part", "Wagn Li", "Wang Li"),
    ("swapped-letters-both-parts", "Joshua Clakr", "JOSHUA CLARK"),
    # Aliases of one entry on the OFAC and UN lists: romanisations of Arabic script
    # that differ in the vowels, which the script does not write.
    ("vowels-of-a-romanisation", "Khalid Ghubaysh AL-UBAYDI", "Khalid Ghabish AL-UBAYDI"),
    ("vowels-and-doubling", "Latif Nassif JASSEM", "Latif Nusayyif JASIM"),
    ("al-din-french-final-e", "Abdallah SAFI-AL-DIN", "Abdullah SAFIEDDINE"),
    ("al-din-french-single-d", "Nourreddine ADAM", "Nourredine ADAM"),
    ("joined-on-both-sides", "Hamid Reza YAHYAZADEH", "Hamidreza YAHYA ZADEH"),
    ("arabic-script-t-then-s", "INTISSAR AL-UBAYDI", "انتصار العبيدي"),
    # j between vowels is ج, not the glide of Marija: Najafi, Rajab, Khadija.
    ("j-between-vowels-against-arabic-script", "Khadija Rajab NAJAFI", "خديجة رجب نجفي"),
    ("zh-against-arabic-script", "ABDUL QUDDUS MAZHARI", "عبد القدوس مظهری"),
    ("french-ch-against-arabic-script", "Rachid Cherif", "رشيد شريف"),
    ("french-ch-and-vowels", "Luna AL CHEBEL", "Luna AL-SHIBL"),
    ("french-darwich-is-no-patronymic", "Mostafa Darwich FAWAZ", "Mustafa Darwish FAWAZ"),
    ("hajj-is-an-honorific-before-a-name", "Hajj Sultan ASAAD", "Sultan AS'AD"),
    ("hajj-is-a-family-name-after-an-article", "Yahya AL-HAJJ", "Yahya El Hajj"),
    # Persian writes غ and ق alike: the join meets a part that differs in its first letter.
    ("persian-gh-q-joined", "Gholamreza BAGHBANI", "Qolam Reza BAQBANI"),
    # OFAC aliases: two joins on one side; a join that meets the other's consonants.
    ("two-joins-on-one-side", "Seyed Mehdi Mojtahed NAJAFI", "Seyedmehdi MOJTAHEDNAJAFI"),
    ("joined-with-other-vowels", "Hamidreza MALEKOUTI POUR", "Hamid Reza MALAKOTIPOUR"),
    # Maghrebi spellings glue the article as an l: Lazhar is al-Azhar (OFAC aliases).
    ("maghrebi-article", "Al-Azhar Ben Khalifa ROUINE", "Lazher Ben Khalifa ROUINE"),
    ("maghrebi-article-lakhdar", "Lakhdar BRAHIMI", "al-Akhdar BRAHIMI"),
    # A partner's notice spells Russian and Ukrainian names its own language's way:
    # German дж "dsch" and a patronymic-like surname in German letters, Polish cz, sz
    # and szcz.
    ("german-dsch", "Dschochar Zarnajew", "Dzhokhar Tsarnaev"),
    ("german-ukrainian-ovych", "Wiktor Janukowytsch", "Viktor Yanukovych"),
    ("polish-szcz", "Nikita Chruszczow", "Nikita Khrushchev"),
    ("polish-patronymic", "Andriej Iwanowicz Kozlow", "Andrei Ivanovich Kozlov"),
    # ... and Я, Ю, Е at the start of a given name as J (ISO 9 without its marks,
    # Czech, German): the given name's family.
    ("german-jekaterina", "Jekaterina Nosadse", "Ekaterine NOSADZE"),  # Georgian -e
    # Only the full patronymic endings count in a folded key: Gatweach (an OFAC alias
    # of a Nuer name) folds to -vich and is no patronymic.
    ("nuer-gatweach-is-no-patronymic", "Simon Gatwech", "Simon GATWEACH"),
    # South Asian "X-ur-Rahman" names: the article glued to the word before it, or
    # the whole compound one word (OFAC and UN aliases).
    ("glued-article-after", "Mati UR-REHMAN", "Matiur REHMAN"),
    ("glued-article-after-urdu-vowel", "Fazlur Rehman", "Fazal ur Rehman"),
    ("glued-article-after-ul-haq", "Inamul Haq", "Inam-ul-Haque"),
    ("article-compound-one-word", "SHAMS UR-RAHMAN", "Shamsurrahman"),
    ("article-compound-uzzaman", "Asaduzzaman KHAN", "Asad-uz-Zaman KHAN"),
    # A glued article before a word whose vowels differ (OFAC aliases).
    ("glued-article-vowels", "Yahya al-Sayyid Ibrahim MUSA", "Yahya Alsayed Ibrahim MOUSSA"),
    ("glued-article-vowels-2", "Ahmad Khalaf Shabib AL-DULAYMI", "Ahmad Khalaf Shebab ALDOLEMY"),
    # Abu al- as Persian names write it, and the Libyan family name.
    ("persian-abol-compound", "Abolfazl KARIMI", "Abu al-Fazl KARIMI"),
    ("abu-l-apostrophe", "Abolghassem SALAVATI", "Abu'l-Qasim SALAVATI"),
    ("libyan-qadhafi", "Ayesha QADHAFI", "Aisha GHATHAFI"),
]

DIFFERENT = [
    ("different-surname", "Ivan Petrov", "Ivan Sidorov"),
    # A swap in four letters, but a double letter makes no short name long.
    ("short-names-with-a-double-letter", "Inna Davydova", "Nina Davydova"),
    ("muhammad-vs-mahmud", "Muhammad Ali", "Mahmoud Ali"),
    ("unrelated", "Jane Nobody", "Abdulhai Salek"),
    # "-ola" / "-ula" without the h of Allah is no compound: guards that a name split
    # as one (nik + allah) does not align with a real one (these stayed apart before
    # the fix too, by the part texts; the split itself is tested below).
    # "Elmira" is no "el" glued to a typo of "Mirza" (a false alert at 1M, session 8).
    ("elmira-is-no-glued-mirza", "Elmira Gasanova", "Mirza Guseynov"),
    # A particle glued to a word meets the word only where the other side wrote that
    # particle apart: "Benjamin" is no "ben" glued to "Jamin".
    ("benjamin-is-no-glued-jamin", "Benjamin Cohen", "Jamin Cohen"),
    ("nikola-is-no-allah-compound", "Nikola Petrovic", "Abdullah Nikitovic"),
    ("ursula-is-no-allah-compound", "Ursula Berger", "Nasrullah Ursov"),
    # Two known names with the same consonants are two names, whatever the vowels
    # (`_vowels_apart`).
    ("muhammad-is-no-mahmoudi", "Muhammad Ali", "Ali Mahmoudi"),
    ("mubarak-is-no-mabruk", "Mubarak Saleh", "Mabruk Saleh"),
    # A title that ends the name after an article is its family name, not dropped.
    ("al-hajj-is-a-family-name", "Yahya AL-HAJJ", "Yahya AL-ZAHRANI"),
    # ... nor are Slavic surnames, whose vowels are written, or a name and another's
    # feminine (false alerts at 1M when vowels first aligned).
    ("korolev-is-no-krylov", "Olga Koroleva", "Olga Krylova"),
    ("timur-is-no-tamara", "Timur Pavlov", "Tamara Pavlova"),
    ("dilovar-is-no-daler", "Daler Nazarov", "Dilovar Nazarov"),  # v is a consonant here
    # Surnames compared by what precedes the ending thousands of families share.
    ("shevchenko-is-no-marchenko", "Valeriy Shevchenko", "Valeriy Marchenko"),
    ("saakashvili-is-no-ivanishvili", "Davit Saakashvili", "Davit Ivanishvili"),
    ("rudenko-is-no-kuzmenko", "Kirill Rudenko", "Kirill Kuzmenko"),
    # A long ending (-enko, -chuk, -shvili, -zoda) says nothing of the family: the
    # stems alone compare (false alerts at 1M while a third of the ending counted).
    ("kravchenko-is-no-shevchenko", "Vasyl Kravchenko", "Vasiliy Shevchenko"),
    ("savchuk-is-no-shevchuk", "Leonid Savchuk", "Leonid Shevchuk"),
    ("margvelashvili-is-no-gelashvili", "Inga Margvelashvili", "Inga Gelashvili"),
    ("qurbonzoda-is-no-sultonzoda", "Nilufar Qurbonzoda", "Nilufar Sultonzoda"),
    # The l of a Maghrebi article only where the other side wrote an article.
    ("lamine-is-no-glued-amine-without-an-article", "Lamine Diallo", "Aminata Diallo"),
    # Arabic script's vowels vary as e/i and o/u, not a/u: Hadi is no Huda.
    ("hadi-is-no-huda", "Hadi Ahmed", "Huda Ahmed"),
    # A name that only ends like a glued article meets nothing by it but its stem.
    ("mansur-is-no-minas", "Mansur Rahman", "Minas Rahman"),
    # ... nor, ending in -od or -ud, a vowel from another name: Farhod is no Farrukh
    # (a false alert at 1M when the rule took every ending).
    ("farhod-is-no-farrukh", "Farhod ERGASHEV", "ФАРРУХ ЭРГАШЕВ"),
]


@pytest.mark.parametrize(
    "name", ["Nikola Pašić", "Mykola Azarov", "Ursula Haverbeck", "Fabiola", "Apollo", "Marcello"]
)
def test_names_ending_in_ola_or_ula_are_not_allah_compounds(name: str) -> None:
    assert "allah" not in [p.text for p in analyze_name(name).parts]


@pytest.mark.parametrize(
    "name", ["Padilla", "Camilla", "Castillo", "Jamilah", "Fadillah", "Geraldine", "Weldin"]
)
def test_names_like_the_somali_and_sudanese_compounds_are_not_split(name: str) -> None:
    assert len(analyze_name(name).parts) == 1


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Shamsurrahman", ["shams", "rahman"]),
        ("Habiburrehman", ["habib", "rehman"]),
        ("Asaduzzaman", ["asad", "zaman"]),
        ("Ziaulhaq", ["zia", "haq"]),
        ("Nurulislam", ["nur", "islam"]),
        ("Abolfazl", ["abu", "fazl"]),
        ("Abulhassan", ["abu", "hassan"]),
        ("Abuladze", ["abuladze"]),
        ("Abolins", ["abolins"]),
        ("Mansur", ["mansur"]),
        ("Rasul", ["rasul"]),
        ("Arthur", ["arthur"]),
    ],
)
def test_compounds_with_the_article_written_as_one_word_split(name: str, parts: list[str]) -> None:
    assert [p.text for p in analyze_name(name).parts] == parts


@pytest.mark.parametrize("name", ["Abdillahi", "Abdilahi", "Abdillah"])
def test_somali_and_malay_spellings_of_abdullah_split_as_it_does(name: str) -> None:
    assert [p.text for p in analyze_name(name).parts] == ["abd", "allah"]


@pytest.mark.parametrize(("case", "a", "b"), SAME, ids=[c[0] for c in SAME])
def test_same_name(case: str, a: str, b: str) -> None:
    result = compare_names(analyze_name(a), analyze_name(b))
    assert result.similarity >= 0.85, result.describe()
    assert compare_names(analyze_name(b), analyze_name(a)).similarity == pytest.approx(
        result.similarity, abs=0.05
    )


@pytest.mark.parametrize(("case", "a", "b"), DIFFERENT, ids=[c[0] for c in DIFFERENT])
def test_different_name(case: str, a: str, b: str) -> None:
    result = compare_names(analyze_name(a), analyze_name(b))
    assert result.similarity <= 0.6, result.describe()


def test_description_says_how_parts_aligned() -> None:
    result = compare_names(analyze_name("Dzhamshed Rakhmonov"), analyze_name("Ҷамшед Раҳмонов"))
    assert "dzhamshed~jamshed (romanisation)" in result.describe()
    dropped = compare_names(
        analyze_name("Vladimir Plotnikov"), analyze_name("Владимир Николаевич Плотников")
    )
    assert dropped.unmatched_candidate == ("nikolaevich",)
    vowels = compare_names(analyze_name("Khalid Ghubaysh"), analyze_name("Khalid Ghabish"))
    assert "ghubaysh~ghabish (vowels)" in vowels.describe()


def test_a_compounds_second_half_has_no_initial() -> None:
    """Nurullo is nur + allah, Abdurrahman abd + rahman: "A." and "R." are not theirs."""
    parts = analyze_name("Abdurrahman Nurullo").parts
    assert [(p.text, p.bound) for p in parts] == [
        ("abd", False),
        ("rahman", True),
        ("nur", False),
        ("allah", True),
    ]
    for name, initial in (("Abdurrahman Nurullo", "R. Nurullo"), ("Nurullo Karimov", "A. Karimov")):
        aligned = compare_names(analyze_name(name), analyze_name(initial))
        assert all(m.how != "initial" for m in aligned.matches), aligned.describe()
    spelt = compare_names(analyze_name("Nurullo Davlatov"), analyze_name("N. Davlatov"))
    assert ("nur", "n", "initial") in [(m.query, m.candidate, m.how) for m in spelt.matches]


def test_a_glued_particle_needs_one_of_its_kind_apart_on_the_other_side() -> None:
    def how(a: str, b: str) -> list[str]:
        return [m.how for m in compare_names(analyze_name(a), analyze_name(b)).matches]

    assert "particle" in how("ELSAYED Ahmed", "Ahmed El Sayed")
    assert "particle" in how("BENSAID Omar", "Omar bin Said")
    assert "particle" not in how("ELSAYED Ahmed", "Ahmed bin Sayed")  # another kind
    assert "particle" not in how("Elmira Gasanova", "Mira Gasanova")
    assert "particle" not in how("Arman Petrosyan", "Man Petrosyan")


def test_an_assimilated_article_is_glued_only_before_its_consonant() -> None:
    """Seen on the yente negatives once glued particles had keys: "ASHRAF" met "آل
    رفيع" as ash + raf. Ash-Shami and ar-Rashid are written so; Ashraf is a name."""

    def how(a: str, b: str) -> list[str]:
        return [m.how for m in compare_names(analyze_name(a), analyze_name(b)).matches]

    assert "particle" in how("ARRASHID Harun", "Harun ar-Rashid")
    assert "particle" in how("ASHSHAMI Hanan", "Hanan ash-Shami")
    assert "particle" not in how("Haji Muhammad ASHRAF", "مخيمر صباح آل رفيع")


def test_particles_and_titles_are_dropped() -> None:
    parts = [p.text for p in analyze_name("Sheikh Abu Bakr bin Laden").parts]
    assert parts == ["abu", "bakr", "laden"]


@pytest.mark.parametrize(
    ("titled", "bare"),
    [
        ("Shaykh Ahmad Salim", "Ahmad Salim"),
        ("Cheikh Ahmed Tidiane", "Ahmed Tidiane"),
        ("Alhaji Musa Bello", "Musa Bello"),
        ("Ayatollah Ali Khamenei", "Ali Khamenei"),
        ("Prof. Hans Mueller", "Hans Mueller"),
        ("Mawlawi Abdul Kabir", "Abdul Kabir"),
    ],
)
def test_titles_in_their_other_spellings_are_dropped(titled: str, bare: str) -> None:
    assert [p.text for p in analyze_name(titled).parts] == [
        p.text for p in analyze_name(bare).parts
    ]


def test_a_title_that_is_also_a_family_name_stays() -> None:
    assert "mollah" in [p.text for p in analyze_name("Abdul Quader Mollah").parts]
    assert "hadj" in [p.text for p in analyze_name("Messali Hadj").parts]
    # After "son of", a title is the father's or the family's name.
    assert "cheikh" in [p.text for p in analyze_name("Saleck Ould Cheikh Mohamedou").parts]


def test_unvocalised_bin_and_bint_are_particles_too() -> None:
    """Arabic script writes بن without vowels: "bn" is "bin", and must not be a name
    part that the romanised "Muhamad bin Mahmud KHALIL" lacks."""
    parts = [p.text for p in analyze_name("محمد بن محمود خليل").parts]
    assert "bn" not in parts and len(parts) == 3
    assert "bnt" not in [p.text for p in analyze_name("فاطمه بنت محمد").parts]
    result = compare_names(
        analyze_name("محمد بن محمود خليل"), analyze_name("Muhamad bin Mahmud KHALIL")
    )
    assert not result.unmatched_query and not result.unmatched_candidate


@pytest.mark.parametrize(
    ("typed", "listed"),
    [("clakr", "clark"), ("wagn", "wang"), ("igna", "inga"), ("recpe", "recep")],
)
def test_a_swap_of_two_letters_is_one_edit(typed: str, listed: str) -> None:
    """Levenshtein counts "clakr" / "clark" as two edits: 0.6 in five letters, the same
    as "baria" / "yahya". A swap is the commonest typo, so it is one edit."""
    a, b = analyze_name(typed).parts[0], analyze_name(listed).parts[0]
    similarity, how = part_similarity(a, b)
    assert how == "edit" and similarity >= 0.75
    assert part_similarity(analyze_name("baria").parts[0], analyze_name("yahya").parts[0])[0] < 0.75


def test_syllables_romanised_from_chinese_or_korean_meet_only_their_spelling() -> None:
    """On the yente negatives, "彬 姜" (Jiang Bin) met "Myong-Jin JANG" by jiang~jang and
    "晶 林" (Lin Jing) by lin~jin and jing~jang: one letter apart is another character."""
    assert analyze_name("彬 姜").parts[0].syllabic
    assert not analyze_name("Jiang Bin").parts[0].syllabic
    for query in ("彬 姜", "晶 林", "진호 장"):
        result = compare_names(analyze_name(query), analyze_name("Myong-Jin JANG"))
        assert all(m.how in ("exact", "romanisation") for m in result.matches), result.describe()
    same = compare_names(analyze_name("张 芳"), analyze_name("Fang ZHANG"))
    assert same.similarity == 1.0, same.describe()
    # Written in Latin letters, a syllable's typo is still one: "Wang" / "Wagn".
    typo = part_similarity(analyze_name("Wang").parts[0], analyze_name("Wagn").parts[0])
    assert typo[0] >= 0.75


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Tajeddine", ["taj", "din"]),
        ("Nourredine", ["nourr", "din"]),
        ("Claudine", ["claudine"]),
        ("Geraldine", ["geraldine"]),
    ],
)
def test_french_al_din_compounds_split_and_claudine_does_not(name: str, parts: list[str]) -> None:
    assert [p.text for p in analyze_name(name).parts] == parts


def test_a_romanised_j_and_zh_are_also_read_as_arabic_script_writes_them() -> None:
    """Folding reads j between vowels as a glide (Marija / Mariya) and zh as ж
    (Zhanna); as Arabic script's ج, and ظ or ز then ه, they are consonants of the
    skeleton too."""
    najafi = analyze_name("Najafi").parts[0]
    assert najafi.key == analyze_name("Nayafi").parts[0].key
    assert najafi.skeletons == ("nf", "njf")
    assert analyze_name("نجفي").parts[0].skeleton in najafi.skeletons
    assert analyze_name("مظهر").parts[0].skeleton in analyze_name("Mazhar").parts[0].skeletons
    assert analyze_name("Mariya").parts[0].skeletons == ("mr",)


def test_a_typo_before_a_shared_surname_ending_counts_more_than_across_the_word() -> None:
    def similarity(a: str, b: str) -> float:
        return part_similarity(analyze_name(a).parts[0], analyze_name(b).parts[0])[0]

    assert similarity("Shevchenko", "Marchenko") < 0.6 <= similarity("Kovalchenko", "Kovalenko")
    assert similarity("Toshmatov", "Kholmatov") < 0.66  # 0.67 across the words


@pytest.mark.parametrize(
    ("one", "other", "aligned"),
    [
        # Seen among the 1M benchmark's false alerts. Surnames of two fathers' names,
        # known given names of two families:
        ("Karimov", "Rahimov", False),
        ("Salimova", "Karimova", False),
        ("Fedorov", "Egorov", False),
        ("Ibrohimov", "Rakhimov", False),
        # Georgian families sharing only -adze / -idze:
        ("Lomidze", "Dolidze", False),
        ("Japaridze", "Джанелидзе", False),
        ("Kavtaradze", "Kapanadze", False),
        # One name's spellings, and a one-letter slip in the stem, still align.
        ("Rahimov", "Rakhimov", True),
        ("Karimov", "Kerimov", True),
        ("Qosimov", "Kasimov", True),
        ("Lomidze", "Lamidze", True),
        ("Japaridze", "Japarize", True),
        ("Kavtaradze", "Katvaradze", True),
    ],
)
def test_surnames_of_other_families_sharing_an_ending_do_not_align(
    one: str, other: str, aligned: bool
) -> None:
    similarity = part_similarity(analyze_name(one).parts[0], analyze_name(other).parts[0])[0]
    assert (similarity >= MIN_PART_SIMILARITY) is aligned


@pytest.mark.parametrize(
    ("name", "patronymic"),
    [
        ("Ilyich", True),
        ("Kuzmich", True),
        ("Aleksandrovich", True),
        ("Heinrich", False),
        ("Darwich", False),
    ],
)
def test_ich_marks_a_patronymic_only_after_the_letters_russian_ones_have(
    name: str, patronymic: bool
) -> None:
    assert analyze_name(name).parts[0].patronymic is patronymic


def test_an_initial_is_never_joined_to_a_word() -> None:
    # A false alert at 1M when joins first met another's consonants: "vyshnevskao".
    result = compare_names(analyze_name("VYSHNEVSKA O."), analyze_name("VISHNEVSKAYA Y."))
    assert [m.query for m in result.matches] == ["vyshnevska"], result.describe()
    assert result.unmatched_query == ("o",)


def test_an_initial_stands_for_another_spelling_of_a_known_name() -> None:
    # U. for Omar, as Umar: Arabic script writes no vowel to begin it.
    result = compare_names(analyze_name("U. AFRIDI"), analyze_name("Omar Afreedee"))
    assert ("u", "omar", "initial") in [(m.query, m.candidate, m.how) for m in result.matches]
    # Not another name; nor a name that begins with no vowel (Yusuf is also Iusuf).
    for initial, other in (("U. AFRIDI", "Akbar Afreedee"), ("I. AFRIDI", "Yusof Afreedee")):
        found = compare_names(analyze_name(initial), analyze_name(other))
        assert not [m for m in found.matches if m.how == "initial"], found.describe()


@pytest.mark.parametrize(
    ("one", "other"),
    [("ubaydah", "obeida"), ("ayed", "ayid"), ("mohsen", "muhsin"), ("sayf", "seif")],
)
def test_arabic_vowel_key_folds_what_romanisations_of_arabic_vary(one: str, other: str) -> None:
    assert arabic_vowel_key(one) == arabic_vowel_key(other)


@pytest.mark.parametrize(("one", "other"), [("hadi", "huda"), ("salah", "saleh"), ("omar", "amir")])
def test_arabic_vowel_key_keeps_a_apart_from_i_and_u(one: str, other: str) -> None:
    assert arabic_vowel_key(one) != arabic_vowel_key(other)


def _patronymic(name: str) -> NamePart:
    return next(p for p in analyze_name(name).parts if p.patronymic)


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Oleg Sergeevich", "Oleh Serhiyovych", True),  # Russian and Ukrainian forms
        ("Iryna Aliaksandrawna", "Irina Alexandrovna", True),  # Belarusian
        ("Viktor Anatolyevich", "Viktor Anatoliyevich", True),
        ("Alisher Baxtiyor o'g'li", "Alisher Bakhtiyorovich", True),
        ("Aynur Əli qızı", "Aynur Alievna", True),
        # The ending all patronymics share is no likeness of the fathers' names.
        ("Alisher Abror o'g'li", "Abror Zhasur ŭghli", False),
        ("Vladimir Nikolaevich", "Vladimir Viktorovich", False),
        ("Ivan Ivanovich", "Ivan Mikhailovich", False),
        ("Aleksandr Vasilevich", "Alexander Maximowitsch", False),
    ],
)
def test_patronymics_name_one_father_by_the_fathers_names(one: str, other: str, same: bool) -> None:
    assert same_father(_patronymic(one), _patronymic(other)) is same


def _part(word: str) -> NamePart:
    return analyze_name(word).parts[0]


@pytest.mark.parametrize(
    ("masculine", "feminine"),
    [
        ("Aleksandr", "Aleksandra"),
        ("Ivanov", "Ivanova"),
        ("Aliyev", "Aliyeva"),
        ("Nodir", "Nodira"),
        ("Yevgeniy", "Yevgeniya"),
        ("Evgeny", "Evgenia"),
        ("Orlovskiy", "Orlovskaya"),
        ("Tolstoy", "Tolstaya"),
        ("Kowalski", "Kowalska"),
        ("Petrovich", "Petrovna"),
        ("Ilyich", "Ilyinichna"),
    ],
)
def test_a_names_masculine_and_feminine_forms(masculine: str, feminine: str) -> None:
    assert gendered_forms(_part(masculine), _part(feminine)) == 1
    assert gendered_forms(_part(feminine), _part(masculine)) == -1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ali", "Ala"),  # too short a stem to tell
        ("Maria", "Mario"),
        ("Oleg", "Olga"),
        ("Ivanov", "Ivanov"),
        ("Petrovich", "Ivanovna"),  # another father, not another gender
        ("Petrovich", "Petrova"),  # a patronymic and a surname
    ],
)
def test_words_that_are_not_one_names_two_genders(one: str, other: str) -> None:
    assert gendered_forms(_part(one), _part(other)) == 0


@pytest.mark.parametrize(
    ("nickname", "name"),
    [("Bill", "William"), ("Bob", "Robert"), ("Liz", "Elizabeth"), ("Alex", "Aleksandr")],
)
def test_a_nickname_aligns_with_its_name_below_a_spelling(nickname: str, name: str) -> None:
    short, full = analyze_name(nickname).parts[0], analyze_name(name).parts[0]
    assert part_similarity(short, full) == (NICKNAME_SIMILARITY, "nickname")
    assert part_similarity(full, short) == (NICKNAME_SIMILARITY, "nickname")
    assert MIN_PART_SIMILARITY <= NICKNAME_SIMILARITY < part_similarity(full, full)[0]


@pytest.mark.parametrize(
    ("diminutive", "name"),
    [
        ("Sasha", "Aleksandr"),
        ("Sascha", "Alexander"),  # German spelling, the English one's family
        ("Саша", "Oleksandr"),
        ("Volodya", "Vladimir"),
        ("Natasha", "Natalia"),
        ("Slava", "Vyacheslav"),
        ("Slava", "Yaroslav"),
    ],
)
def test_a_russian_diminutive_aligns_with_its_name_as_a_nickname(
    diminutive: str, name: str
) -> None:
    short, full = analyze_name(diminutive).parts[0], analyze_name(name).parts[0]
    assert part_similarity(short, full) == (NICKNAME_SIMILARITY, "nickname")
    assert part_similarity(full, short) == (NICKNAME_SIMILARITY, "nickname")


@pytest.mark.parametrize(
    ("one", "other"), [("Volodya", "Vova"), ("Slava", "Vladimir"), ("Masha", "Daria")]
)
def test_diminutives_of_other_names_do_not_align(one: str, other: str) -> None:
    a, b = analyze_name(one).parts[0], analyze_name(other).parts[0]
    assert part_similarity(a, b)[1] != "nickname"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Saidzoda", "Saidov"),
        ("Saidzod", "Saidova"),
        ("Иброҳимзода", "Ibragimov"),  # the stems a spelling family apart
        ("Həsənzadə", "Hasanov"),
        ("Qurbonzoda", "Kurbonov"),
    ],
)
def test_a_surnames_persian_and_russian_formants_align(one: str, other: str) -> None:
    a, b = analyze_name(one).parts[0], analyze_name(other).parts[0]
    similarity, how = part_similarity(a, b)
    assert how == "formant"
    assert MIN_PART_SIMILARITY < similarity <= FORMANT_SIMILARITY


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Saidzoda", "Said"),  # a formant on one side only: the edits' case
        ("Saidzoda", "Rashidov"),  # other stems
        ("Saidov", "Saidev"),  # one formant, respelt: an edit
        ("Levzoda", "Lev"),
    ],
)
def test_formants_align_only_two_kinds_on_one_stem(one: str, other: str) -> None:
    a, b = analyze_name(one).parts[0], analyze_name(other).parts[0]
    assert part_similarity(a, b)[1] != "formant"


def test_two_nicknames_of_one_name_and_arabic_script_do_not_align() -> None:
    liz, beth = analyze_name("Liz").parts[0], analyze_name("Beth").parts[0]
    assert part_similarity(liz, beth)[0] < MIN_PART_SIMILARITY  # both shorten Elizabeth
    # Script without vowels spells a name, not its English nickname.
    abjad, william = analyze_name("بيل").parts[0], analyze_name("William").parts[0]
    assert part_similarity(abjad, william)[1] != "nickname"


def test_a_join_must_meet_the_other_part_better_than_either_half() -> None:
    # "Abu Bakr" / "Abubakr": neither half meets the word as the join does.
    assert (
        "abubakr~abubakr"
        in compare_names(
            analyze_name("Abu Bakr al-Baghdadi"), analyze_name("Abubakr al-Baghdadi")
        ).describe()
    )
    # A surname meets the long surname better than itself joined to the given name.
    result = compare_names(analyze_name("Allahverdiyev Vali"), analyze_name("Allakhverdiyeva"))
    assert result.unmatched_query == ("vali",), result.describe()
