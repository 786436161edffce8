package sqlite

import (
	"context"
	"fmt"

	"github.com/triada-kpss/triada/engine"
)

// CreateGroup stores g; ErrDuplicate if the id exists.
func (s *Store) CreateGroup(ctx context.Context, g *engine.Group) error {
	tags, err := marshal(orEmpty(g.Tags))
	if err != nil {
		return err
	}
	members, err := marshal(orEmpty(g.Members))
	if err != nil {
		return err
	}
	targetGroups, err := marshal(orEmpty(g.TargetGroups))
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx,
		`INSERT INTO working_groups (id, name, description, tags, members, target_groups, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		g.ID, g.Name, g.Description, tags, members, targetGroups, toMillis(g.CreatedAt))
	return fail(err, "create group %q", g.ID)
}

const groupColumns = `id, name, description, tags, members, target_groups, created_at`

func scanGroup(row scanner) (*engine.Group, error) {
	var g engine.Group
	var tags, members, targetGroups string
	var created int64
	if err := row.Scan(&g.ID, &g.Name, &g.Description, &tags, &members, &targetGroups, &created); err != nil {
		return nil, err
	}
	if err := unmarshal("group target groups", targetGroups, &g.TargetGroups); err != nil {
		return nil, err
	}
	if err := unmarshal("group tags", tags, &g.Tags); err != nil {
		return nil, err
	}
	if err := unmarshal("group members", members, &g.Members); err != nil {
		return nil, err
	}
	g.CreatedAt = fromMillis(created)
	return &g, nil
}

// FindGroup returns the group or ErrNotFound.
func (s *Store) FindGroup(ctx context.Context, id string) (*engine.Group, error) {
	g, err := scanGroup(s.read.QueryRowContext(ctx, `SELECT `+groupColumns+` FROM working_groups WHERE id = ?`, id))
	return g, fail(err, "find group %q", id)
}

// ListGroups returns every group ordered by id.
func (s *Store) ListGroups(ctx context.Context) ([]*engine.Group, error) {
	return list(ctx, s, scanGroup, "list groups", `SELECT `+groupColumns+` FROM working_groups ORDER BY id`)
}

// AddGroupMember appends the user to the group's members unless it is
// one already, in one statement; ErrNotFound for an unknown group.
func (s *Store) AddGroupMember(ctx context.Context, groupID, userID string) error {
	res, err := s.write.ExecContext(ctx, `UPDATE working_groups
SET members = CASE
	WHEN EXISTS (SELECT 1 FROM json_each(members) WHERE value = ?1) THEN members
	ELSE json_insert(members, '$[#]', ?1) END
WHERE id = ?2`, userID, groupID)
	return s.groupUpdated(res, err, "add member %q to group %q", userID, groupID)
}

// RemoveGroupMember removes the user, keeping the others in order;
// ErrNotFound for an unknown group.
func (s *Store) RemoveGroupMember(ctx context.Context, groupID, userID string) error {
	res, err := s.write.ExecContext(ctx, `UPDATE working_groups
SET members = (SELECT coalesce(json_group_array(value), '[]')
	FROM (SELECT value FROM json_each(members) WHERE value <> ?1 ORDER BY key))
WHERE id = ?2`, userID, groupID)
	return s.groupUpdated(res, err, "remove member %q from group %q", userID, groupID)
}

// groupUpdated checks that an UPDATE of one group found it.
func (s *Store) groupUpdated(res interface{ RowsAffected() (int64, error) }, err error, what string, args ...any) error {
	if err != nil {
		return fail(err, what, args...)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fail(err, what, args...)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: %s: %w", fmt.Sprintf(what, args...), engine.ErrNotFound)
	}
	return nil
}
