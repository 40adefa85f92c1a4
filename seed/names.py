"""Names, languages and faiths of a diverse London-style borough.

Each heritage group carries first names, surnames, the 2021 Census ethnic group used in
records, the languages spoken at home and likely faiths. Weights roughly follow an outer
London borough; nothing here describes a real person.
"""

from dataclasses import dataclass, replace
from functools import cache


@dataclass(frozen=True)
class Heritage:
    key: str
    weight: int
    ethnicity: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    languages: tuple[str, ...]  # first is most common; "English" may follow
    faiths: tuple[str, ...]


WHITE_BRITISH = "White: English, Welsh, Scottish, Northern Irish or British"

HERITAGES = (
    Heritage(
        "white_british", 34, WHITE_BRITISH,
        ("Chloe", "Jade", "Kayleigh", "Amy", "Lauren", "Sophie", "Gemma", "Stacey", "Holly",
         "Emily", "Isla", "Poppy", "Ruby", "Lily", "Grace", "Evie", "Freya", "Megan"),
        ("Jack", "Callum", "Liam", "Ryan", "Dean", "Connor", "Kyle", "Jordan", "Harry",
         "Alfie", "Oliver", "George", "Charlie", "Freddie", "Tommy", "Archie", "Leo", "Mason"),
        ("Smith", "Jones", "Taylor", "Brown", "Wilson", "Walker", "Wright", "Hughes", "Green",
         "Hall", "Clarke", "Turner", "Hill", "Cooper", "Ward", "Harris", "Baker", "Parker"),
        ("English",),
        ("Christian", "No religion", "No religion"),
    ),
    Heritage(
        "irish", 3, "White: Irish",
        ("Siobhan", "Niamh", "Aoife", "Ciara", "Roisin", "Orla", "Saoirse", "Mairead"),
        ("Cian", "Padraig", "Conor", "Eoin", "Declan", "Niall", "Ronan", "Darragh"),
        ("Murphy", "Kelly", "O'Brien", "Byrne", "Doyle", "Gallagher", "Quinn", "Brennan"),
        ("English",),
        ("Christian", "No religion"),
    ),
    Heritage(
        "polish", 6, "White: Other White (Polish)",
        ("Agnieszka", "Katarzyna", "Małgorzata", "Zuzanna", "Julia", "Natalia", "Ewa", "Maja",
         "Zofia"),
        ("Tomasz", "Piotr", "Krzysztof", "Jakub", "Kacper", "Szymon", "Łukasz", "Wojciech"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
         "Kaczmarek", "Wróblewski"),
        ("Polish", "English"),
        ("Christian", "No religion"),
    ),
    Heritage(
        "romanian", 4, "White: Other White (Romanian)",
        ("Ioana", "Andreea", "Elena", "Bianca", "Alexandra", "Daria", "Maria", "Sofia"),
        ("Andrei", "Ionuț", "Mihai", "Florin", "Darius", "Ștefan", "Gabriel", "Luca"),
        ("Popescu", "Ionescu", "Stan", "Dumitru", "Radu", "Munteanu", "Matei", "Constantin"),
        ("Romanian", "English"),
        ("Christian",),
    ),
    Heritage(
        "nigerian", 7, "Black, Black British, Caribbean or African: African (Nigerian)",
        ("Adaeze", "Funmilayo", "Chiamaka", "Temitope", "Ngozi", "Folake", "Ife", "Tolu",
         "Amara", "Zara"),
        ("Chinedu", "Oluwaseun", "Emeka", "Tunde", "Babatunde", "Ifeanyi", "David", "Daniel",
         "Tobi", "Joshua"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Adebayo", "Nwosu", "Oyelaran"),
        ("English", "Yoruba", "Igbo"),
        ("Christian", "Christian", "Muslim"),
    ),
    Heritage(
        "ghanaian", 3, "Black, Black British, Caribbean or African: African (Ghanaian)",
        ("Akosua", "Abena", "Ama", "Efua", "Adjoa", "Esi", "Naomi", "Priscilla"),
        ("Kwame", "Kofi", "Kwabena", "Yaw", "Kojo", "Samuel", "Emmanuel", "Nana"),
        ("Mensah", "Owusu", "Boateng", "Asante", "Appiah", "Osei", "Agyeman", "Darko"),
        ("English", "Twi"),
        ("Christian",),
    ),
    Heritage(
        "somali", 4, "Black, Black British, Caribbean or African: African (Somali)",
        ("Hodan", "Faadumo", "Sagal", "Hibaaq", "Ayaan", "Nasra", "Idil", "Ubah"),
        ("Abdirahman", "Mohamed", "Liban", "Abdi", "Yusuf", "Hamza", "Said", "Mahad"),
        ("Hassan Warsame", "Ali Farah", "Abdi Jama", "Osman Aden", "Hirsi Mohamed",
         "Yusuf Nur"),
        ("Somali", "English"),
        ("Muslim",),
    ),
    Heritage(
        "caribbean", 6, "Black, Black British, Caribbean or African: Caribbean",
        ("Shanice", "Tia", "Keisha", "Jasmine", "Monique", "Aaliyah", "Tanisha", "Maya"),
        ("Jerome", "Tyrone", "Marcus", "Jermaine", "Andre", "Kai", "Reuben", "Elijah"),
        ("Campbell", "Williams", "Francis", "Thompson", "Reid", "Gordon", "Bailey", "Grant"),
        ("English",),
        ("Christian", "No religion"),
    ),
    Heritage(
        "pakistani", 7, "Asian or Asian British: Pakistani",
        ("Ayesha", "Sana", "Hira", "Maryam", "Zainab", "Iqra", "Amina", "Aleena", "Noor"),
        ("Imran", "Bilal", "Usman", "Hamza", "Zain", "Ayaan", "Ibrahim", "Adam", "Rayyan"),
        ("Khan", "Hussain", "Ahmed", "Iqbal", "Butt", "Malik", "Akhtar", "Qureshi", "Raza"),
        ("Urdu", "Punjabi", "English"),
        ("Muslim",),
    ),
    Heritage(
        "bangladeshi", 5, "Asian or Asian British: Bangladeshi",
        ("Fatema", "Nusrat", "Shirin", "Rumana", "Tasnim", "Sumaiya", "Anisa", "Raisa"),
        ("Abdul", "Rahim", "Shahid", "Kamal", "Arif", "Tanvir", "Rayan", "Ismail"),
        ("Miah", "Rahman", "Uddin", "Islam", "Ali", "Chowdhury", "Hoque", "Ahmed"),
        ("Bengali (Sylheti)", "English"),
        ("Muslim",),
    ),
    Heritage(
        "gujarati", 3, "Asian or Asian British: Indian",
        ("Priya", "Anjali", "Hetal", "Nisha", "Meera", "Riya", "Asha", "Krupa"),
        ("Rajesh", "Amit", "Hitesh", "Nilesh", "Arjun", "Dev", "Rohan", "Jay"),
        ("Patel", "Shah", "Mistry", "Parmar", "Solanki", "Desai", "Joshi", "Chauhan"),
        ("Gujarati", "English"),
        ("Hindu", "Hindu", "Jain"),
    ),
    Heritage(
        "sikh_punjabi", 2, "Asian or Asian British: Indian",
        ("Harpreet", "Manpreet", "Jaspreet", "Simran", "Gurleen", "Navneet", "Amrit", "Kiran"),
        ("Harpreet", "Manpreet", "Jaspreet", "Gurpreet", "Harjit", "Sukhdev", "Arjan", "Ranveer"),
        ("Sandhu", "Gill", "Dhillon", "Sidhu", "Grewal", "Bains", "Johal", "Virdi"),
        ("Punjabi", "English"),
        ("Sikh",),
    ),
    Heritage(
        "turkish", 3, "White: Other White (Turkish)",
        ("Elif", "Zeynep", "Aylin", "Derya", "Ebru", "Selin", "Defne", "Melis"),
        ("Mehmet", "Emre", "Murat", "Can", "Burak", "Deniz", "Yusuf", "Arda"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan"),
        ("Turkish", "English"),
        ("Muslim", "No religion"),
    ),
    Heritage(
        "portuguese", 3, "White: Other White (Portuguese)",
        ("Ana", "Beatriz", "Inês", "Mariana", "Carolina", "Joana", "Leonor", "Rita"),
        ("João", "Tiago", "Rui", "Diogo", "Miguel", "Rafael", "Gonçalo", "Pedro"),
        ("Silva", "Santos", "Ferreira", "Pereira", "Costa", "Rodrigues", "Martins", "Sousa"),
        ("Portuguese", "English"),
        ("Christian",),
    ),
    Heritage(
        "eritrean", 2, "Black, Black British, Caribbean or African: African (Eritrean)",
        ("Senait", "Helen", "Selam", "Meron", "Winta", "Yohana", "Saba", "Lidya"),
        ("Yonas", "Dawit", "Samuel", "Filmon", "Robel", "Henok", "Natnael", "Biniam"),
        ("Tesfaye Haile", "Gebremedhin Tekle", "Berhane Kidane", "Asfaha Ghebre",
         "Yohannes Mehari"),
        ("Tigrinya", "English"),
        ("Christian",),
    ),
    # Groups a London-style borough has (issue 17): names by each heritage's conventions.
    Heritage(
        "roma", 2, "White: Roma",
        ("Denisa", "Esmeralda", "Mirela", "Roxana", "Florentina", "Nicoleta"),
        ("Florin", "Marian", "Ionel", "Costel", "Dănuț", "Sorin"),
        ("Lăcătuș", "Rădulescu", "Stoica", "Căldăraru", "Bălan", "Dinu"),
        ("Romani", "Romanian", "English"),
        ("Christian",),
    ),
    Heritage(
        "afghan", 2, "Asian or Asian British: Other Asian (Afghan)",
        ("Farishta", "Mursal", "Zarghona", "Nilofar", "Mahbooba", "Shabnam"),
        ("Ahmad", "Mohammad", "Farid", "Wahid", "Najib", "Samiullah"),
        ("Ahmadzai", "Popal", "Noori", "Safi", "Stanikzai", "Rahimi"),
        ("Dari", "Pashto", "English"),
        ("Muslim",),
    ),
    Heritage(
        "albanian", 2, "White: Other White (Albanian)",
        ("Elira", "Arta", "Besa", "Drita", "Mirela", "Ardita"),
        ("Arben", "Besnik", "Dritan", "Ermal", "Gentian", "Kledi"),
        ("Hoxha", "Shehu", "Krasniqi", "Berisha", "Gashi", "Dervishi"),
        ("Albanian", "English"),
        ("Muslim", "Christian", "No religion"),
    ),
    Heritage(
        "kurdish", 2, "Other ethnic group: Any other ethnic group (Kurdish)",
        ("Rojda", "Berfin", "Hêvî", "Dilan", "Zozan", "Nûjîn"),
        ("Rojhat", "Baran", "Şêrko", "Azad", "Dilovan", "Serhat"),
        ("Demir", "Aslan", "Zagros", "Botan", "Yıldız", "Kaya"),
        ("Kurdish (Kurmanji)", "Kurdish (Sorani)", "English"),
        ("Muslim", "No religion"),
    ),
    Heritage(
        "arab", 2, "Other ethnic group: Arab",
        ("Layla", "Mariam", "Nour", "Rania", "Huda", "Salma"),
        ("Omar", "Khalid", "Youssef", "Tariq", "Ahmed", "Karim"),
        ("Al-Sayed", "Haddad", "Mansour", "Khalil", "Nasser", "Saleh"),
        ("Arabic", "English"),
        ("Muslim", "Christian"),
    ),
    Heritage(
        "congolese", 2, "Black, Black British, Caribbean or African: African (Congolese)",
        ("Grâce", "Merveille", "Divine", "Exaucée", "Ornella", "Nathalie"),
        ("Patrick", "Glody", "Christian", "Junior", "Héritier", "Prince"),
        ("Mbala", "Kabongo", "Tshibangu", "Mukendi", "Ilunga", "Lukusa"),
        ("Lingala", "French", "English"),
        ("Christian",),
    ),
    Heritage(
        "chinese", 2, "Asian or Asian British: Chinese",
        ("Mei", "Xiu Ying", "Li Na", "Yan", "Hui Min", "Jing"),
        ("Wei", "Jun", "Hao", "Ming", "Jian", "Zhi Hao"),
        ("Wang", "Li", "Zhang", "Chen", "Liu", "Wong"),
        ("Cantonese", "Mandarin", "English"),
        ("No religion", "Buddhist", "Christian"),
    ),
    Heritage(
        "vietnamese", 1, "Asian or Asian British: Other Asian (Vietnamese)",
        ("Linh", "Thảo", "Hương", "Mai", "Ngọc", "Trang"),
        ("Minh", "Tuấn", "Dũng", "Hùng", "Quang", "Việt"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"),
        ("Vietnamese", "English"),
        ("Buddhist", "No religion", "Christian"),
    ),
    Heritage(
        "tamil", 2, "Asian or Asian British: Other Asian (Sri Lankan Tamil)",
        ("Tharshika", "Kavitha", "Nivetha", "Sharmila", "Abirami", "Thulasi"),
        ("Kajan", "Tharshan", "Sutharsan", "Mayuran", "Niroshan", "Praveen"),
        ("Sivakumar", "Balasingham", "Rajendran", "Selvarajah", "Thavarajah", "Kandiah"),
        ("Tamil", "English"),
        ("Hindu", "Christian"),
    ),
    Heritage(
        "latin_american", 2, "Other ethnic group: Any other ethnic group (Latin American)",
        ("Valentina", "Camila", "Daniela", "Lucía", "Mariana", "Sofía"),
        ("Santiago", "Mateo", "Andrés", "Juan Pablo", "Diego", "Sebastián"),
        ("García López", "Rodríguez Gómez", "Martínez Díaz", "Hernández Ruiz",
         "Gómez Torres", "Vargas Rojas"),
        ("Spanish", "Portuguese", "English"),
        ("Christian", "No religion"),
    ),
    Heritage(
        "ukrainian", 2, "White: Other White (Ukrainian)",
        ("Olena", "Iryna", "Oksana", "Yulia", "Sofiia", "Anastasiia"),
        ("Oleksandr", "Andrii", "Dmytro", "Serhii", "Maksym", "Bohdan"),
        ("Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Kravchenko", "Melnyk"),
        ("Ukrainian", "Russian", "English"),
        ("Christian", "No religion"),
    ),
)

MIXED_WHITE_BLACK_CARIBBEAN = "Mixed or Multiple: White and Black Caribbean"
MIXED_OTHER = "Mixed or Multiple: other Mixed or Multiple background"
MIXED_WHITE_BLACK_AFRICAN = "Mixed or Multiple: White and Black African"
MIXED_WHITE_ASIAN = "Mixed or Multiple: White and Asian"


# Naming conventions that differ by sex or pass down by the father's name (PRACTICE.md §8.1).
_POLISH_FEMININE = (("dzki", "dzka"), ("cki", "cka"), ("ski", "ska"))
_BANGLADESHI_WOMEN = ("Begum", "Khatun", "Bibi", "Khanom")
_PATRONYMIC = ("somali", "eritrean")


# Heritages whose first names (by sex) and surnames come from Faker's list for the
# country, seeded per family, beside the curated ones: more names, spelled as at home
# (ą ł ś, ă ș ț, ç ğ ı). Faker's version is pinned (pyproject.toml) so a seed gives the same
# families. Not where naming has rules Faker does not know: Polish surnames that change
# with sex are only the curated ones (Faker's are nouns, the same for both sexes, and
# adjectives ending -y/-i, left out), Bangladeshi, Sikh, Somali, Eritrean, Vietnamese and
# Chinese names keep their curated lists, and Ukrainian ones (Faker's are in Cyrillic,
# records here use the Latin spelling of the passport).
FAKER_LOCALES = {"polish": "pl_PL", "romanian": "ro_RO", "turkish": "tr_TR",
                 "portuguese": "pt_PT"}
FAKER_NAMES = 6  # of each kind, per family


@cache
def _faker(locale: str):
    from faker import Faker  # only when a family needs it: the import takes a while

    return Faker(locale)


def for_family(heritage: Heritage, label: str) -> Heritage:
    """`heritage` with this family's own pool of names: the curated ones, and for a
    Faker heritage as many again drawn from Faker seeded by `label` (the family's)."""
    locale = FAKER_LOCALES.get(heritage.key)
    if locale is None:
        return heritage
    fake = _faker(locale)
    fake.seed_instance(f"{label}/{heritage.key}")

    def drawn(make, keep=lambda name: True):
        found = dict.fromkeys(n for n in (make() for _ in range(FAKER_NAMES * 2)) if keep(n))
        return tuple(list(found)[:FAKER_NAMES])

    nouns = drawn(fake.last_name_male, lambda n: not n.endswith(("y", "i"))
                  or n.endswith(tuple(m for m, _ in _POLISH_FEMININE)))
    return replace(heritage,
                   female=tuple(dict.fromkeys(heritage.female + drawn(fake.first_name_female))),
                   male=tuple(dict.fromkeys(heritage.male + drawn(fake.first_name_male))),
                   surnames=tuple(dict.fromkeys(heritage.surnames + nouns)))


def surname(heritage: Heritage, gender: str, base: str) -> str:
    """The surname a person of `heritage` and `gender` uses, from the family's `base`:
    Polish adjectival surnames take -ska/-cka/-dzka for women; Bangladeshi women often use
    Begum (never men); Sikh women and girls carry Kaur, men and boys Singh."""
    if heritage.key == "polish" and gender == "female":
        for male, female in _POLISH_FEMININE:
            if base.endswith(male):
                return base[: -len(male)] + female
        return base
    if heritage.key == "bangladeshi" and gender == "female":
        # Not random per person: the base picks the word, so it is the same each time.
        return _BANGLADESHI_WOMEN[len(base) % len(_BANGLADESHI_WOMEN)] if len(base) % 3 \
            else base
    if heritage.key == "sikh_punjabi":
        return f"{'Kaur' if gender == 'female' else 'Singh'} {base}"
    return base


def patronymic(heritage: Heritage) -> bool:
    return heritage.key in _PATRONYMIC


def patronymic_surname(father_first: str, father_last: str) -> str:
    """A Somali or Eritrean child's second and third names: the father's given name and
    his father's (the first of the father's own last names)."""
    return f"{father_first} {father_last.split()[0]}"


# The CIN census and SSDA903 ethnicity codes (rule 4220) of the groups recorded here, as
# the 2021 Census words them: the specific group in brackets is what the family said.
CENSUS_CODES = {
    WHITE_BRITISH: "WBRI", "White: Irish": "WIRI", "White: Roma": "WROM",
    "White: Irish Traveller": "WIRT", "White: Other White": "WOTH",
    MIXED_WHITE_BLACK_CARIBBEAN: "MWBC", MIXED_WHITE_BLACK_AFRICAN: "MWBA",
    MIXED_WHITE_ASIAN: "MWAS", MIXED_OTHER: "MOTH",
    "Asian or Asian British: Indian": "AIND", "Asian or Asian British: Pakistani": "APKN",
    "Asian or Asian British: Bangladeshi": "ABAN", "Asian or Asian British: Chinese": "CHNE",
    "Asian or Asian British: Other Asian": "AOTH",
    "Black, Black British, Caribbean or African: Caribbean": "BCRB",
    "Black, Black British, Caribbean or African: African": "BAFR",
    "Black, Black British, Caribbean or African: Other Black": "BOTH",
    # The census list has no Arab code: any other ethnic group.
    "Other ethnic group: Arab": "OOTH", "Other ethnic group: Any other ethnic group": "OOTH",
}


def census_code(ethnicity: str) -> str | None:
    """The census code of a recorded ethnicity ("White: Other White (Polish)" -> WOTH)."""
    return CENSUS_CODES.get(ethnicity.split(" (")[0])


def child_ethnicity(mother: Heritage, father: Heritage) -> str:
    """The census group of a child of these parents (as the family would describe it)."""
    if mother is father or mother.ethnicity == father.ethnicity:
        return mother.ethnicity
    groups = {mother.ethnicity.split(":")[0], father.ethnicity.split(":")[0]}
    both = mother.ethnicity.split(":")[-1] + " " + father.ethnicity.split(":")[-1]
    if groups == {"White"}:
        return mother.ethnicity
    if "White" in groups and any(g.startswith("Asian") for g in groups):
        return MIXED_WHITE_ASIAN
    if "White" in groups and "Caribbean" in both and "African" not in both:
        return MIXED_WHITE_BLACK_CARIBBEAN
    if "White" in groups and "African" in both:
        return MIXED_WHITE_BLACK_AFRICAN
    if len(groups) == 1:
        return mother.ethnicity
    return MIXED_OTHER
