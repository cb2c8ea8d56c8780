"""eventwire.export"""
