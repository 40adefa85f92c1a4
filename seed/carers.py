"""Who brings the children up: the household's main carer and the other adults, and the
words every generated text uses for them (PRACTICE.md §8.4).

Most families the front door sees are led by a mother, but a borough also has single
fathers, grandparents and aunts raising children (some under a special guardianship
order), two fathers who adopted, and two mothers who are both legal parents. The texts
name the main carer as `{carer}` with their own pronouns (`{c_she}`, `{c_her}`,
`{c_his}`, `{c_herself}`), and the children's word for them (`{c_mum}`), so that a
single father is never "she" and a grandmother is never "mum".
"""

from dataclasses import dataclass

# How each household is made up, by its main carer: (carer's relationship, others).
MOTHER_LED = ("together", "single_one_father", "two_fathers", "stepfamily")
SHAPES = MOTHER_LED + ("two_mothers", "single_father", "kinship", "adoptive_fathers")

# The worries each household shape can carry in the generator's words. Domestic abuse is
# written as a man's abuse of the mother (Safe & Together: his pattern, her efforts to
# protect), and physical and sexual harm around a man the mother protects the children
# from; other households carry the worries their texts tell truly.
ALL_CONCERNS = ("neglect", "domestic_abuse", "parental_mental_health", "substance_misuse",
                "physical_harm", "emotional_harm", "sexual_harm", "criminal_exploitation",
                "sexual_exploitation")
CONCERNS = {
    **{shape: ALL_CONCERNS for shape in MOTHER_LED},
    "two_mothers": ("neglect", "parental_mental_health", "criminal_exploitation",
                    "sexual_exploitation"),
    "single_father": ("neglect", "parental_mental_health", "substance_misuse",
                      "criminal_exploitation", "sexual_exploitation"),
    "kinship": ("neglect", "parental_mental_health", "criminal_exploitation",
                "sexual_exploitation"),
    "adoptive_fathers": ("neglect", "parental_mental_health", "emotional_harm",
                         "criminal_exploitation", "sexual_exploitation"),
}

_PRONOUNS = {
    "female": {"she": "she", "She": "She", "her": "her", "his": "her", "His": "Her",
               "herself": "herself"},
    "male": {"she": "he", "She": "He", "her": "him", "his": "his", "His": "His",
             "herself": "himself"},
}
# What children call the person who brings them up, and the little one's word.
CHILD_WORDS = {"mother": ("mum", "mummy"), "father": ("dad", "daddy"),
               "grandmother": ("nan", "nana"), "aunt": ("auntie", "auntie")}


@dataclass
class Carer:
    person: dict  # the people row
    role: str  # how the record names them: mother, father, grandmother, aunt
    pr: bool  # holds parental responsibility
    basis: str  # why: "birth mother", "special guardianship order", "adoption order", ...

    @property
    def name(self) -> str:
        return self.person["first_name"]

    @property
    def full_name(self) -> str:
        return f"{self.person['first_name']} {self.person['last_name']}"

    @property
    def male(self) -> bool:
        return self.person["gender"] == "male"

    def words(self) -> dict:
        """The slots every text uses for the main carer."""
        word, little = CHILD_WORDS[self.role]
        pronouns = {f"c_{k}": v for k, v in _PRONOUNS[self.person["gender"]].items()}
        return {"carer": self.name, "carer_role": self.role,
                "Carer_role": self.role.capitalize(), "c_mum": word,
                "C_mum": word.capitalize(), "c_mummy": little, **pronouns}


def pronouns(gender: str) -> dict:
    """A person's pronouns under the keys the child's texts use (they, them, their)."""
    if gender == "female":
        return {"they": "she", "them": "her", "their": "her", "They": "She", "Their": "Her"}
    return {"they": "he", "them": "him", "their": "his", "They": "He", "Their": "His"}


def other_words(person: dict | None, role: str) -> dict:
    """The slots for the child's other parent (`{dad}` and his or her pronouns)."""
    if person is None:
        return {"dad": "the other parent", "dad_role": role, "d_he": "they", "d_his": "their"}
    male = person["gender"] == "male"
    return {"dad": person["first_name"], "dad_role": role, "d_he": "he" if male else "she",
            "d_his": "his" if male else "her"}
