"""The flow's full collection after each shard looks only at objects made during the run
(flows.clean_corpus.collections_skip_older_objects), and still frees the run's cyclic garbage."""
import gc
import weakref

from flows.clean_corpus import collections_skip_older_objects


class Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_objects_older_than_the_run_are_left_out_and_handed_back_after():
    before = Node()
    gc.collect()
    with collections_skip_older_objects():
        assert gc.get_freeze_count() > 0
        assert not any(obj is before for obj in gc.get_objects(generation=2))
        made_in_the_run = weakref.ref(Node())  # garbage at once, in a cycle
        gc.collect()
        assert made_in_the_run() is None
    assert gc.get_freeze_count() == 0
    assert any(obj is before for obj in gc.get_objects())


def test_cyclic_garbage_made_before_the_run_is_collected_after_it():
    old = weakref.ref(Node())  # garbage, not collected yet
    with collections_skip_older_objects():
        gc.collect()
        assert old() is not None  # frozen: left out while the run lasts
    gc.collect()
    assert old() is None


def test_nested_runs_hand_objects_back_when_the_last_one_ends():
    with collections_skip_older_objects():
        with collections_skip_older_objects():
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
