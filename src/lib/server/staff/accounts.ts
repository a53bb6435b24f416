/** People, their credentials and invitations, by concept: one module each. */
export { credentialValues, verifyRecoveryProof } from './credentials';
export { listPeople, rolesByPerson, rolesOf, updatePerson } from './people';
export { grantSigningKey, signingKeyGrantFor, storeRosterSignature } from './signing';
export { createUnitWithAdmin, organisationCount, type SetupInput } from './units';
export {
  acceptInvitation,
  invitationDetails,
  invitePerson,
  INVITATION_LIFETIME_MS,
  type FoundingKeys
} from './invitations';
export {
  approveReinvite,
  pendingReinvites,
  requestReinvite,
  type ReinviteOutcome
} from './reinvite';
