"""Generated names: common first names with Coventry place names as surnames, so that no name is
taken from a real person and every demo record is recognisably synthetic."""

from __future__ import annotations

import random

from roster.domain import Gender

FEMALE = (
    "Amira", "Beth", "Chloe", "Dawn", "Ewa", "Fatima", "Grace", "Hannah", "Isla", "Jade", "Kiran",
    "Lena", "Maya", "Nadia", "Olivia", "Priya", "Rosa", "Sofia", "Tara", "Una", "Veronica", "Wendy",
    "Yasmin", "Zara", "Agnieszka", "Blessing", "Comfort", "Joy", "Harpreet", "Simone",
)
MALE = (
    "Aaron", "Ben", "Callum", "Daniel", "Emeka", "Farhan", "George", "Harvey", "Imran", "Jakub",
    "Kwame", "Liam", "Marek", "Nathan", "Owen", "Pawel", "Rahul", "Samuel", "Tomasz", "Yusuf",
)
OTHER = ("Alex", "Charlie", "Jordan", "Robin", "Sam")
PLACES = (
    "Allesley", "Binley", "Canley", "Cheylesmore", "Earlsdon", "Foleshill", "Holbrooks", "Keresley",
    "Longford", "Radford", "Stivichall", "Styvechale", "Tile Hill", "Whoberley", "Willenhall",
    "Wyken", "Coundon", "Chapelfields", "Spon End", "Hillfields", "Stoke Aldermoor", "Walsgrave",
    "Bell Green", "Wood End", "Henley Green", "Finham", "Whitley", "Ernesford", "Eastern Green",
    "Brownshill", "Little Heath", "Daimler Green", "Edgwick", "Courthouse Green", "Potters Green",
)
CLIENT_TITLES = {Gender.FEMALE: ("Mrs", "Ms", "Miss"), Gender.MALE: ("Mr",), Gender.OTHER: ("Mx",)}


def first_name(rng: random.Random, gender: Gender) -> str:
    """A first name fitting the gender."""
    pool = {Gender.FEMALE: FEMALE, Gender.MALE: MALE, Gender.OTHER: OTHER}[gender]
    return rng.choice(pool)


def carer_name(rng: random.Random, gender: Gender) -> str:
    """'Amira Binley'."""
    return f"{first_name(rng, gender)} {rng.choice(PLACES)}"


def client_name(rng: random.Random, gender: Gender) -> str:
    """'Mrs R. Earlsdon': a title, an initial and a place name."""
    title = rng.choice(CLIENT_TITLES[gender])
    return f"{title} {first_name(rng, gender)[0]}. {rng.choice(PLACES)}"
