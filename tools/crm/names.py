"""Name pools for synthetic contacts, per language (ASCII transliterations; lower-case for emails)."""

from __future__ import annotations

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Daniel", "Sarah",
           "Aisha", "Priya", "Liam", "Olivia", "Noah", "Emma"),
    "es": ("Jose", "Maria", "Carlos", "Lucia", "Javier", "Carmen", "Diego", "Sofia", "Pablo", "Elena"),
    "fr": ("Jean", "Camille", "Pierre", "Chloe", "Louis", "Manon", "Hugo", "Lea", "Julien", "Ines"),
    "de": ("Lukas", "Anna", "Felix", "Lena", "Jonas", "Marie", "Paul", "Laura", "Maximilian", "Sophie"),
    "it": ("Marco", "Giulia", "Luca", "Chiara", "Matteo", "Francesca", "Alessandro", "Sara", "Davide", "Martina"),
    "nl": ("Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Finn", "Sanne", "Bram", "Lotte"),
    "sv": ("Erik", "Elsa", "Oskar", "Maja", "Nils", "Astrid", "Axel", "Freja", "Johan", "Ingrid"),
    "pl": ("Jakub", "Zofia", "Piotr", "Julia", "Kacper", "Maja", "Tomasz", "Anna", "Marek", "Ewa"),
    "ja": ("Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Kaito", "Sakura", "Yuto", "Mei"),
    "ko": ("Minjun", "Seoyeon", "Jiho", "Jiwoo", "Hyunwoo", "Soyeon", "Dohyun", "Yuna", "Jihun", "Hayoon"),
}
"""Given names per ISO 639-1 language."""

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clark",
           "Patel", "Nguyen", "Walker", "Hall"),
    "es": ("Garcia", "Martinez", "Lopez", "Sanchez", "Perez", "Gomez", "Fernandez", "Ruiz", "Diaz", "Moreno"),
    "fr": ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"),
    "de": ("Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch"),
    "it": ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"),
    "nl": ("DeJong", "Jansen", "DeVries", "VanDijk", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos"),
    "sv": ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
           "Gustafsson"),
    "pl": ("Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kowalczyk", "Kaminski", "Lewandowski", "Zielinski",
           "Szymanski", "Wozniak"),
    "ja": ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"),
    "ko": ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"),
}
"""Family names per ISO 639-1 language."""
