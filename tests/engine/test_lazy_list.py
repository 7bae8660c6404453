"""finder.LazyList: a list that runs its generator only as far as it is read."""

from bot.engine.retrieval.finder import LazyList


def test_reads_only_as_far_as_asked_and_behaves_like_the_list():
    pulled = []

    def items():
        for i in range(10):
            pulled.append(i)
            yield i

    lazy = LazyList(items())
    assert lazy and lazy[0] == 0 and pulled == [0]
    assert lazy[1:4] == [1, 2, 3] and pulled == [0, 1, 2, 3]
    assert next(iter(lazy)) == 0 and pulled == [0, 1, 2, 3]
    assert list(lazy) == list(range(10)) and len(lazy) == 10
    assert lazy[-1] == 9 and lazy[8:] == [8, 9]


def test_an_empty_one_is_false():
    empty = LazyList(iter(()))
    assert not empty and len(empty) == 0 and list(empty) == [] and empty[0:3] == []
