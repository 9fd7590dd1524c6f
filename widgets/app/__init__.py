"""Publishing the cases: the gallery, ``crm-publish`` (Voila), its kernels, and static pages.

- :mod:`widgets.app.gallery`: the case cards of the index notebook and the published home page;
- :mod:`widgets.app.publish`: the ``crm-publish`` command (Voila with the casebook template);
- :mod:`widgets.app.publish_kernels`, :mod:`widgets.app.fork_kernels`: visitors' kernels
  (freed on close and when idle, limited, forked from a warm template);
- :mod:`widgets.app.static`: a case notebook as a static page, without Python.
"""
