"""recovery-tui: keep a personalized, living addiction-recovery plan in the terminal."""

__version__ = "0.1.0"
