"""The interview workspace: the step navigator and the pages of a visit."""
