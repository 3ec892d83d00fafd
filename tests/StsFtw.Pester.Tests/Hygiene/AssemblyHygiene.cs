// Every test in this assembly is followed by a check of the exception messages raised while it ran (Testing/Hygiene).
[assembly: StsFtw.Testing.Hygiene.CheckSecretHygiene]
