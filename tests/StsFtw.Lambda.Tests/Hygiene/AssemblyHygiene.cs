// Every test in this assembly is followed by a check of the exception messages raised while it ran (Testing/Hygiene);
// the stand-ins' signing key is a secret like any other.
[assembly: StsFtw.Testing.Hygiene.CheckSecretHygiene(StsFtw.Sandbox.StandIns.StandInCredentials.SecretAccessKey)]
