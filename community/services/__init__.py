"""What members and moderators do in the community, one module per subject.

posting: threads, replies, edits, reports and reactions; questions: ask, answer, accept;
moderation: moderators' decisions; rules: what holds a post for review; notifications:
follows and what members are told. Views call these and stay thin.
"""
