"""The base of the model's pydantic classes."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(frozen=False, arbitrary_types_allowed=True, extra="forbid")
