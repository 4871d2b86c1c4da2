"""lawkit: draft data-protection and cybersecurity legislation from a bilingual clause corpus."""

__version__ = "0.1.0"
