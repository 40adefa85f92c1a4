"""Names, languages and faiths of a diverse London-style borough.

Each heritage group carries first names, surnames, the 2021 Census ethnic group used in
records, the languages spoken at home and likely faiths. Weights roughly follow an outer
London borough; nothing here describes a real person.
"""

from dataclasses import dataclass


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
        ("Agnieszka", "Katarzyna", "Magdalena", "Zuzanna", "Julia", "Natalia", "Ewa", "Maja"),
        ("Tomasz", "Piotr", "Krzysztof", "Jakub", "Kacper", "Szymon", "Marek", "Filip"),
        ("Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski",
         "Szymanski"),
        ("Polish", "English"),
        ("Christian", "No religion"),
    ),
    Heritage(
        "romanian", 4, "White: Other White (Romanian)",
        ("Ioana", "Andreea", "Elena", "Bianca", "Alexandra", "Daria", "Maria", "Sofia"),
        ("Andrei", "Ionut", "Mihai", "Florin", "Darius", "Stefan", "Gabriel", "Luca"),
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
        ("Hassan", "Ali", "Warsame", "Farah", "Jama", "Osman", "Aden", "Hirsi"),
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
        ("Begum", "Miah", "Rahman", "Uddin", "Islam", "Ali", "Chowdhury", "Hoque"),
        ("Bengali (Sylheti)", "English"),
        ("Muslim",),
    ),
    Heritage(
        "indian", 5, "Asian or Asian British: Indian",
        ("Priya", "Anjali", "Kiran", "Harpreet", "Simran", "Meera", "Riya", "Asha"),
        ("Rajesh", "Amit", "Harjit", "Sandeep", "Arjun", "Dev", "Rohan", "Jaspreet"),
        ("Patel", "Sharma", "Singh", "Kaur", "Gill", "Shah", "Mistry", "Sandhu"),
        ("Gujarati", "Punjabi", "English"),
        ("Hindu", "Sikh", "Hindu"),
    ),
    Heritage(
        "turkish", 3, "White: Other White (Turkish)",
        ("Elif", "Zeynep", "Aylin", "Derya", "Ebru", "Selin", "Defne", "Melis"),
        ("Mehmet", "Emre", "Murat", "Can", "Burak", "Deniz", "Yusuf", "Arda"),
        ("Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Aydin", "Ozturk", "Arslan"),
        ("Turkish", "English"),
        ("Muslim", "No religion"),
    ),
    Heritage(
        "portuguese", 3, "White: Other White (Portuguese)",
        ("Ana", "Beatriz", "Ines", "Mariana", "Carolina", "Joana", "Leonor", "Rita"),
        ("Joao", "Tiago", "Rui", "Diogo", "Miguel", "Rafael", "Goncalo", "Pedro"),
        ("Silva", "Santos", "Ferreira", "Pereira", "Costa", "Rodrigues", "Martins", "Sousa"),
        ("Portuguese", "English"),
        ("Christian",),
    ),
    Heritage(
        "eritrean", 2, "Black, Black British, Caribbean or African: African (Eritrean)",
        ("Senait", "Helen", "Selam", "Meron", "Winta", "Yohana", "Saba", "Lidya"),
        ("Yonas", "Dawit", "Samuel", "Filmon", "Robel", "Henok", "Natnael", "Biniam"),
        ("Tesfaye", "Gebremedhin", "Haile", "Berhane", "Kidane", "Tekle", "Asfaha", "Ghebre"),
        ("Tigrinya", "English"),
        ("Christian",),
    ),
)

MIXED_WHITE_BLACK_CARIBBEAN = "Mixed or Multiple: White and Black Caribbean"
MIXED_OTHER = "Mixed or Multiple: other Mixed or Multiple background"
MIXED_WHITE_BLACK_AFRICAN = "Mixed or Multiple: White and Black African"
MIXED_WHITE_ASIAN = "Mixed or Multiple: White and Asian"
