def delete_project(user, project):
    assert user.is_admin, "admins only"  # expect: assert-used  # bandit: B101
    assert request.user.has_perm("projects.delete")  # expect: assert-used
    assert can_edit(user, project)  # expect: assert-used
    assert user.check_password(password)  # expect: assert-used
    assert token == expected  # expect-audit: assert-used
    assert node.ownerDocument is document  # expect-audit: assert-used
    assert project.id is not None  # expect-audit: assert-used
    assert isinstance(project.name, str)  # expect-audit: assert-used
    project.delete()


def test_delete_project():
    assert user.is_admin  # ok: assert-used


class TestProjects:
    def check(self):
        assert self.result == 3  # ok: assert-used


def next_permutation(perm, queue):
    assert perm.size == 4  # expect-audit: assert-used
    assert queue.can_get()  # expect-audit: assert-used
    return perm
