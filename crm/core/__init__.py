"""What two or more cases use: the shared analytics and the tables they read.

- ``schemas``: tables and columns (:class:`~crm.core.schemas.TableSchema`, ``DataError``), the
  shared columns and the uploads every classifying view takes;
- ``parsing``: how a cell's text becomes a typed value; ``sheets``: Excel and ODS files, read in
  a child process with limits; ``io``: :func:`~crm.core.io.read_upload`, reading and writing
  case tables;
- ``segment``: ABC/Pareto classes and value or rank tiers; ``rfm``: RFM scores and segments;
- ``btyd``: the buy-till-you-die models (BG/NBD, Gamma-Gamma) and the CLV they give;
- ``complaints``: complaint flows (routing, escalation, time limits, conformance, XES);
- ``queueing``: Erlang C and M/M/c; ``exercise``: the question classes of every exercise;
- ``shared_results``: heavy analytics of a case's own tables computed once in an app template and
  read by its forked kernels (:func:`~crm.core.shared_results.shared`).

Nothing here imports a case (:mod:`crm.cases`) or a view (:mod:`widgets`).
"""
