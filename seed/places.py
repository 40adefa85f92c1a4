"""The fictional borough the synthetic families live in, and its services."""

BOROUGH = "Northbrook"
COUNCIL = "Northbrook Borough Council"

# Area name and the postcode district its addresses use (a made-up district, NB).
AREAS = (
    ("Northbrook Green", "NB1"), ("Millfield", "NB2"), ("Ashby Park", "NB3"),
    ("Canal Side", "NB4"), ("Hollins End", "NB5"), ("Westmoor", "NB6"),
    ("St Jude's", "NB7"), ("Brook Vale", "NB8"),
)

STREET_ENDINGS = ("Road", "Street", "Close", "Avenue", "Lane", "Gardens", "Way", "Court")
STREET_NAMES = (
    "Albert", "Victoria", "Station", "Church", "Mill", "Park", "Elm", "Cedar", "Hawthorn",
    "Nightingale", "Kingfisher", "Windsor", "Lansdowne", "Cromwell", "Priory", "Meadow",
    "Willow", "Orchard", "Chestnut", "Beech", "Clarence", "Canal", "Brook", "Foundry",
)
ESTATES = ("Marsh House", "Beacon Tower", "Fairview Court", "Linden House", "Heron Point")

# Housing that fits the address: an estate flat, or a house on a street.
FLAT_HOUSING = ("Council flat", "Council flat", "Housing association flat",
                "Temporary accommodation (council flat)")
HOUSE_HOUSING = ("Housing association house", "Privately rented house",
                 "Owner-occupied house", "Privately rented rooms in a shared house",
                 "Privately rented flat above a shop")

PRIMARY_SCHOOLS = (
    "Millfield Primary School", "St Mary's CofE Primary School", "Ashby Park Primary School",
    "Canal Side Community Primary", "Our Lady of Lourdes RC Primary School",
    "Hollins End Primary Academy", "Westmoor Infant and Junior School",
)
SECONDARY_SCHOOLS = (
    "Northbrook Academy", "Brook Vale High School", "St Jude's Catholic College",
    "Westmoor School", "Ashby Park Girls' School",
)
COLLEGES = ("Northbrook College", "Northbrook Sixth Form Centre")
NURSERIES = ("Little Acorns Nursery", "Millfield Children's Centre nursery", "Sunbeams Day Nursery")

GP_SURGERIES = (
    "Northbrook Green Medical Centre", "Millfield Health Centre", "Canal Side Surgery",
    "The Ashby Practice", "Westmoor Family Practice", "Brook Vale Group Practice",
)

# The first two always; a larger borough has more teams, each of up to seven workers.
TEAMS = ("Assessment and Intervention Team", "Child Protection Team", "Children in Need Team",
         "Family Safeguarding Team", "Court and Permanence Team", "Adolescent Safeguarding Team")

OCCUPATIONS = (
    "Care assistant", "Delivery driver", "Retail assistant", "Cleaner", "Not working",
    "Not working", "Warehouse operative", "Hairdresser", "Bus driver", "Student",
    "Chef", "Teaching assistant", "Security officer", "Builder", "Carer for family member",
)
