"""Moving a row up or down a list (scorecards.compute.ordering)."""

from scorecards.compute.ordering import swap_places


def test_a_row_swaps_with_its_neighbour():
    assert swap_places([10, 20, 30], 20, up=True) == (1, 0)
    assert swap_places([10, 20, 30], 20, up=False) == (1, 2)


def test_the_first_row_does_not_move_up_nor_the_last_down():
    assert swap_places([10, 20, 30], 10, up=True) is None
    assert swap_places([10, 20, 30], 30, up=False) is None
    assert swap_places([10], 10, up=False) is None
