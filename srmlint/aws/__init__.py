"""AWS knowledge: facts about AWS resources and the extractors that produce them."""
