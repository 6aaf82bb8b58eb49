"""The desks `draftkit.api.Drafts` is composed of: one module per concept of the façade
(agreement, proposals and their lifecycle, merging, comments ...), each a class of the
methods of its concept, all sharing the drafts folder through `draftkit.desk.base.Desk`."""
