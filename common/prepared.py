"""Queries Django compiles once per process, then runs again with new values.

Django builds and compiles a queryset's SQL on every call. For the query every signed-in
request makes (who the member is and what they may do, with three `Exists` subqueries),
compiling costs several times the CPU the database takes to answer it. A PreparedQuery
builds the queryset once with placeholder values, keeps the SQL Django wrote for it, and on
each run swaps in only the values: the SQL sent is exactly what the ORM would send.

Placeholders are found among the compiled parameters by value. A query in which one cannot
be found exactly once (a value the compiler changed, or one that also occurs elsewhere)
refuses to be prepared, so a wrong binding can never reach the database.
"""

import datetime
import threading

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router


class PreparedQuery:
    """`build(**placeholders)` returns the queryset; `placeholders` maps each changing
    value's name to a value used only to find it (an int, a str or an aware datetime,
    distinct from every other parameter of the query)."""

    def __init__(self, build, **placeholders):
        self.build = build
        self.placeholders = placeholders
        self._compiled = {}  # database alias -> (sql, parameters, {name: (position, adapt)})
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            self._model = self.build(**self.placeholders).model
        return self._model

    def _compile(self, alias):
        queryset = self.build(**self.placeholders).using(alias)
        connection = connections[alias]
        sql, params = queryset.query.get_compiler(using=alias).as_sql()
        slots = {}
        for name, value in self.placeholders.items():
            adapt = _adapter(connection, value)
            found = [index for index, param in enumerate(params) if _same(param, adapt(value))]
            if len(found) != 1:
                raise ImproperlyConfigured(
                    f"Cannot prepare {queryset.model.__name__} query: placeholder {name!r} "
                    f"is among its parameters {len(found)} times, not once."
                )
            slots[name] = (found[0], adapt)
        return sql, tuple(params), slots

    def compiled(self, alias):
        found = self._compiled.get(alias)
        if found is None:
            with self._lock:
                found = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = found
        return found

    def run(self, using=None, **values):
        """The model instances the query finds with `values` in place of the placeholders
        (a RawQuerySet: the model's fields converted as usual, annotations as they come from
        the database)."""
        alias = using or router.db_for_read(self.model)
        sql, params, slots = self.compiled(alias)
        if set(values) != set(slots):
            raise TypeError(f"Expected values for {sorted(slots)}, got {sorted(values)}")
        bound = list(params)
        for name, (position, adapt) in slots.items():
            bound[position] = adapt(values[name])
        return self.model._default_manager.raw(sql, bound, using=alias)


def _adapter(connection, value):
    """How the compiler turned a value of this kind into a parameter."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ImproperlyConfigured(f"Unsupported placeholder {value!r}: int, str or datetime")
    return lambda given: given


def _same(param, value):
    return type(param) is type(value) and param == value
