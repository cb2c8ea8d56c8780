"""eventwire.runners"""
