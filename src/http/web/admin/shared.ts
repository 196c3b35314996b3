// Who may use the operator's pages of this area.
export const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;
