"""Queries built and compiled once per process, run with new values on every request.

On an article page with a few comments, building and compiling the ORM's queries cost more
than running them: measured here, 4 ms to build and compile the article's query (its version
subqueries) and 0.2 ms to run it. A `CompiledQuery` is written as an ordinary queryset over
stand-in values; each process compiles it once per database, and each call puts the real
values in place of the stand-ins and builds model instances (joined relations and
annotations included) or rows, as the queryset itself would have.

A queryset given here must take every varying value as one of its parameters: a value that
changes from call to call but is compiled into the SQL would be frozen at its first value.
The tests compare every compiled query with its ORM twin on SQLite and on PostgreSQL.
"""

import datetime
import threading

from django.db import connections
from django.db.models.query import FlatValuesListIterable, ModelIterable, get_related_populators

_STAND_IN_MOMENT = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)


class CompiledQuery:
    """`build(**stand_ins)` returns the queryset; `kinds` names each parameter's kind: "int",
    "str" or "datetime". Call with the real values: `query(article_id=7)` → a list."""

    def __init__(self, build, **kinds):
        self.build = build
        self.kinds = kinds
        self._compiled = {}
        self._lock = threading.Lock()

    def __call__(self, using="default", **values):
        if values.keys() != self.kinds.keys():
            raise TypeError(f"expected values for {sorted(self.kinds)}, got {sorted(values)}")
        compiled = self._compiled.get(using) or self._compile(using)
        connection = connections[using]
        params = list(compiled.params)
        for position, name in compiled.positions:
            params[position] = _adapted(connection, self.kinds[name], values[name])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return compiled.results(rows)

    def _compile(self, using):
        with self._lock:
            if using not in self._compiled:
                self._compiled[using] = _Compiled(self, using)
        return self._compiled[using]


class _Compiled:
    """One database's SQL of a CompiledQuery, where its stand-ins sit, and what reads rows."""

    def __init__(self, query, using):
        connection = connections[using]
        stand_ins = {
            name: _stand_in(kind, index) for index, (name, kind) in enumerate(query.kinds.items())
        }
        queryset = query.build(**stand_ins)
        self.compiler = queryset.query.get_compiler(using)
        self.sql, params = self.compiler.as_sql()
        self.params = tuple(params)
        adapted = {
            _adapted(connection, query.kinds[name], value): name
            for name, value in stand_ins.items()
        }
        self.positions = [
            (position, adapted[param])
            for position, param in enumerate(self.params)
            if _hashable(param) and param in adapted
        ]
        missing = set(query.kinds) - {name for _position, name in self.positions}
        if missing:
            raise ValueError(f"the query does not use the parameters {sorted(missing)}")
        self.iterable = queryset._iterable_class
        self.using = using
        # As the compiler's results_iter converts rows, with the converters looked up once.
        columns = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(columns)

    def results(self, rows):
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        rows = map(tuple, rows)
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.iterable is not ModelIterable:
            return list(rows)
        return self._instances(rows)

    def _instances(self, rows):
        """As Django's ModelIterable builds them: the model's fields, then each joined
        relation, then the annotations."""
        compiler = self.compiler
        select, klass_info = compiler.select, compiler.klass_info
        model = klass_info["model"]
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[first:last]]
        populators = get_related_populators(klass_info, select, self.using)
        instances = []
        for row in rows:
            instance = model.from_db(self.using, names, row[first:last])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in compiler.annotation_col_map.items():
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


def _stand_in(kind, index):
    if kind == "int":
        return -(10**12) - index
    if kind == "str":
        return f"\x00stand-in {index}"
    if kind == "datetime":
        return _STAND_IN_MOMENT + datetime.timedelta(seconds=index)
    raise ValueError(f"unknown parameter kind {kind!r}")


def _adapted(connection, kind, value):
    if kind == "datetime":
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def prefetched(instance, name, objects):
    """Let `instance.<name>.all()` answer with `objects`, as `prefetch_related` would have."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
