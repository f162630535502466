"""Queries Django compiles once, then runs again with new values.

Django builds and compiles a queryset's SQL on every call. For the query every signed-in
request makes (who the member is and what they may do, with three `Exists` subqueries),
compiling costs several times the CPU the database takes to answer it. A PreparedQuery
builds the queryset once with placeholder values and keeps what Django's compiler made of
it: the SQL, the parameters, which columns make the model and which the annotations, and
the converters of each column. Each run swaps in only the values, sends exactly the SQL the
ORM would send (through Django's cursor, so it is logged and counted like any query) and
makes the instances as Django's ModelIterable does.

Placeholders are found among the compiled parameters by value. A query in which one cannot
be found exactly once (a value the compiler changed, or one that also occurs elsewhere)
refuses to be prepared, so a value can never be bound in the wrong place. What is compiled
is kept per thread and database, as Django keeps connections.
"""

import datetime
import functools
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.utils import timezone


class Compiled:
    """What Django's compiler made of the query, for one database connection."""

    def __init__(self, queryset, alias, placeholders):
        connection = connections[alias]
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if compiler.klass_info.get("related_klass_infos"):
            raise ImproperlyConfigured("A prepared query cannot select related models.")
        self.sql, self.params, self.slots = sql, tuple(params), {}
        for name, value in placeholders.items():
            adapt = _adapter(connection, value)
            found = [index for index, param in enumerate(params) if _same(param, adapt(value))]
            if len(found) != 1:
                raise ImproperlyConfigured(
                    f"Cannot prepare {queryset.model.__name__} query: placeholder {name!r} "
                    f"is among its parameters {len(found)} times, not once."
                )
            self.slots[name] = (found[0], adapt)
        select = compiler.select
        fields = compiler.klass_info["select_fields"]
        self.model_columns = slice(fields[0], fields[-1] + 1)
        self.init_names = [column[0].target.attname for column in select[self.model_columns]]
        self.annotations = dict(compiler.annotation_col_map or {})
        self.converters = compiler.get_converters([column[0] for column in select])
        self.connection = connection

    def bind(self, values):
        if set(values) != set(self.slots):
            raise TypeError(f"Expected values for {sorted(self.slots)}, got {sorted(values)}")
        bound = list(self.params)
        for name, (position, adapt) in self.slots.items():
            bound[position] = adapt(values[name])
        return bound

    def convert(self, row):
        row = list(row)
        for position, (converters, expression) in self.converters.items():
            value = row[position]
            for converter in converters:
                value = converter(value, expression, self.connection)
            row[position] = value
        return row


class PreparedQuery:
    """`build(**placeholders)` returns the queryset; `placeholders` maps each changing
    value's name to a value used only to find it (an int, a str or an aware datetime,
    distinct from every other parameter of the query)."""

    def __init__(self, build, **placeholders):
        self.build = build
        self.placeholders = placeholders
        self._model = None
        self._local = threading.local()

    @property
    def model(self):
        if self._model is None:
            self._model = self.build(**self.placeholders).model
        return self._model

    def compiled(self, alias):
        """The query as compiled for `alias` on this thread's connection."""
        kept = self._local.__dict__.setdefault("compiled", {})
        found = kept.get(alias)
        if found is None or found.connection is not connections[alias]:
            found = kept[alias] = Compiled(
                self.build(**self.placeholders).using(alias), alias, self.placeholders
            )
        return found

    def run(self, using=None, **values):
        """The model instances the query finds with `values` in place of the placeholders,
        each with the query's annotations, as the queryset would give them."""
        alias = using or router.db_for_read(self.model)
        compiled = self.compiled(alias)
        with compiled.connection.cursor() as cursor:
            cursor.execute(compiled.sql, compiled.bind(values))
            rows = cursor.fetchall()
        found = []
        for row in rows:
            row = compiled.convert(row)
            instance = self.model.from_db(alias, compiled.init_names, row[compiled.model_columns])
            for name, position in compiled.annotations.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found


def _adapter(connection, value):
    """How the compiler turned a value of this kind into a parameter."""
    if isinstance(value, datetime.datetime):
        return functools.partial(_aware, connection.ops.adapt_datetimefield_value)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ImproperlyConfigured(f"Unsupported placeholder {value!r}: int, str or datetime")
    return lambda given: given


def _aware(adapt, value):
    """As the ORM binds a datetime; a naive one (which it would take as local time, with a
    warning) is refused rather than bound as if it were UTC."""
    if settings.USE_TZ and timezone.is_naive(value):
        raise ValueError(f"A prepared query needs an aware datetime, not {value!r}")
    return adapt(value)


def _same(param, value):
    return type(param) is type(value) and param == value
