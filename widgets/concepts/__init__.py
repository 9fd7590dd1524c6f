"""Concepts across cases · the views of the concepts notebook: the retention calculator (``retention``), the
give/get quadrant (``give_get``), demand against capacity (``demand``) the six kinds of lost customer (``lost``) and the
customer life cycle (``lifecycle``). The notebook reuses the car-care case's recovery and SERVQUAL views and the
bank's value matrix where those cases already have the concept; the labels are in :mod:`widgets.concepts.labels`.
"""
