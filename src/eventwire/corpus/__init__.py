"""eventwire.corpus"""
