"""humanict: open software for the Five Steps to ICT Humanization."""

__version__ = "0.1.0"
